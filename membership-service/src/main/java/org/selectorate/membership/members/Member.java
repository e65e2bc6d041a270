package org.selectorate.membership.members;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A member as last imported for a constituency (imports write through {@link MemberImportService}). */
@Entity
@IdClass(Member.Key.class)
public class Member extends PanacheEntityBase {
    @Id
    public String constituency;

    @Id
    @Column(name = "membership_number")
    public String membershipNumber;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(nullable = false)
    public String email;

    public String phone;

    public String address;

    @Column(nullable = false)
    public String branch;

    @Column(nullable = false)
    public LocalDate joined;

    /** {@code active}, {@code lapsed} or {@code suspended}. */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public boolean arrears;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The name as it appears on a roll. */
    public String displayName() {
        return firstName + " " + lastName;
    }

    public static class Key implements Serializable {
        public String constituency;
        public String membershipNumber;

        public Key() {
        }

        public Key(String constituency, String membershipNumber) {
            this.constituency = constituency;
            this.membershipNumber = membershipNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(constituency, k.constituency)
                    && Objects.equals(membershipNumber, k.membershipNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(constituency, membershipNumber);
        }
    }
}
