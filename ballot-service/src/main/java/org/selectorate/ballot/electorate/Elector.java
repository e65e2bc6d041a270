package org.selectorate.ballot.electorate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A member on a roll version, with the contact held at the freeze. */
@Entity
@Table(name = "elector")
public class Elector extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public int version;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String branch;

    /** The postal address held at the freeze, where a postal pack goes; null if membership-service had none. */
    public String address;

    @Override
    public String toString() {
        // Identities stay out of logs.
        return "Elector[" + id + "]";
    }
}
