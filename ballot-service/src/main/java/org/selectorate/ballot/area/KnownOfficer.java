package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A current authorised officer of an affiliate, by Keycloak username, learnt from {@code AffiliateOfficerAdded};
 * {@code AffiliateOfficerRemoved} deletes the row.
 */
@Entity
@Table(name = "known_affiliate_officer")
@IdClass(KnownOfficer.Key.class)
public class KnownOfficer extends PanacheEntityBase {
    @Id
    public String affiliate;

    @Id
    public String username;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "learnt_at", nullable = false)
    public Instant learntAt;

    public static class Key implements Serializable {
        public String affiliate;
        public String username;

        public Key() {
        }

        public Key(String affiliate, String username) {
            this.affiliate = affiliate;
            this.username = username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(affiliate, k.affiliate) && Objects.equals(username, k.username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(affiliate, username);
        }
    }
}
