package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.selectorate.contracts.roll.RollEntries.Elector;

import java.io.Serializable;

/** An elector of one roll version, at its leaf position; the contact is the one held at the freeze. */
@Entity
@Table(name = "roll_entry")
@IdClass(RollEntry.Key.class)
public class RollEntry extends PanacheEntityBase {
    @Id
    @Column(name = "selection_id")
    public String selectionId;

    @Id
    public int version;

    @Id
    @Column(name = "leaf_index")
    public int leafIndex;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String branch;

    /** The postal address held at the freeze (a postal pack goes there); null if the member had none, or V8's rows. */
    public String address;

    public Elector elector() {
        return new Elector(membershipNumber, name, email, branch, address);
    }

    public static class Key implements Serializable {
        public String selectionId;
        public int version;
        public int leafIndex;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(selectionId, k.selectionId)
                    && version == k.version && leafIndex == k.leafIndex;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(selectionId, version, leafIndex);
        }
    }
}
