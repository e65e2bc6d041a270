package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A ballot's private credential key (PKCS#8), sealed by {@link BallotKeys} with the service's KeyVault, so a copy of
 * the database alone holds no usable key. Never returned, never logged; deleted when the ballot closes.
 */
@Entity
@Table(name = "ballot_key")
public class BallotKey extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public UUID ballotId;

    @Column(name = "sealed_pkcs8", nullable = false)
    public byte[] sealedPkcs8;

    @Override
    public String toString() {
        return "BallotKey[" + ballotId + "]";
    }
}
