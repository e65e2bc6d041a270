package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A ballot's private credential key (PKCS#8). Never returned, never logged: only {@link BallotKeys} reads it. */
@Entity
@Table(name = "ballot_key")
public class BallotKey extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public UUID ballotId;

    @Column(nullable = false)
    public byte[] pkcs8;

    @Override
    public String toString() {
        return "BallotKey[" + ballotId + "]";
    }
}
