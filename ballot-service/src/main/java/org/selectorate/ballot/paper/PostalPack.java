package org.selectorate.ballot.paper;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A postal pack issued to a member: the declaration's number and what became of the pack. Its paper's number is not
 * here, nor anywhere beside the member: only its digest, in {@link PaperSets}. Days, never times.
 */
@Entity
@Table(name = "postal_pack")
public class PostalPack extends PanacheEntityBase {
    public static final String ISSUED = "issued";
    public static final String CANCELLED = "cancelled";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    @Id
    public UUID id;

    @Column(name = "ballot_id", nullable = false)
    public UUID ballotId;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    /** Printed on the declaration, typed by the officer at return; unguessable, as a paper number. */
    @Column(name = "declaration_number", nullable = false)
    public String declarationNumber;

    @Column(name = "issued_on", nullable = false)
    public LocalDate issuedOn;

    /** {@link #ISSUED}, {@link #CANCELLED}, {@link #ACCEPTED} or {@link #REJECTED}. */
    @Column(nullable = false)
    public String status;

    /** Why it was cancelled ({@code lost}, {@code replaced}) or its return rejected. */
    public String reason;

    @Column(name = "returned_on")
    public LocalDate returnedOn;

    @Override
    public String toString() {
        // Members and declaration numbers stay out of logs.
        return "PostalPack[" + id + "]";
    }
}
