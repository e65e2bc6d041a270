package org.selectorate.tally.certification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A scrutineer's Ed25519 public key, registered under their token's subject. Registrations are kept: the latest is
 * the one new decisions must be signed with; a decision keeps its own copy of the key it was checked against.
 */
@Entity
@Table(name = "scrutineer_key")
public class ScrutineerKey extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false)
    public String account;
    @Column(name = "public_key", nullable = false)
    public String publicKey;
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    /** The subject's current key, or null if they registered none. */
    static Uni<ScrutineerKey> current(String subject) {
        return ScrutineerKey.find("subject = ?1 order by id desc", subject).firstResult();
    }
}
