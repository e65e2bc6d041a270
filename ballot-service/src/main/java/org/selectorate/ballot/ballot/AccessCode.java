package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An elector's one-time access code for a ballot, kept only as its SHA-256. */
@Entity
@Table(name = "access_code")
public class AccessCode extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "ballot_id", nullable = false)
    public UUID ballotId;

    /** Hex SHA-256 of the code's 16 normalised symbols. */
    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(name = "elector_id", nullable = false)
    public UUID electorId;
}
