package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** One version of a selection's roll: 1 at the freeze, +1 per approved change. */
@Entity
@Table(name = "roll_version")
@IdClass(RollVersion.Key.class)
public class RollVersion extends PanacheEntityBase {
    @Id
    @Column(name = "selection_id")
    public String selectionId;

    @Id
    public int version;

    @Column(name = "freeze_date", nullable = false)
    public LocalDate freezeDate;

    @Column(name = "minimum_months", nullable = false)
    public int minimumMonths;

    @Column(name = "arrears_disqualify", nullable = false)
    public boolean arrearsDisqualify;

    @Column(nullable = false)
    public long electorate;

    @Column(name = "merkle_root", nullable = false)
    public String merkleRoot;

    /** JSON object of branch code to entries. */
    @Column(name = "per_branch", nullable = false)
    public String perBranch;

    @Column(nullable = false)
    public long changed;

    @Column(name = "leaf_hashes", nullable = false)
    public byte[] leafHashes;

    @Column(name = "frozen_at", nullable = false)
    public Instant frozenAt;

    @Column(name = "frozen_by", nullable = false)
    public String frozenBy;

    public static class Key implements Serializable {
        public String selectionId;
        public int version;

        public Key() {
        }

        public Key(String selectionId, int version) {
            this.selectionId = selectionId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(selectionId, k.selectionId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(selectionId, version);
        }
    }
}
