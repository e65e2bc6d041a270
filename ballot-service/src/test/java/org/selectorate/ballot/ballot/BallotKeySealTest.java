package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.testkit.EmbeddedPlatform;

import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.accessCodes;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/** A ballot's signing key is stored sealed, opens only for its own ballot, and is gone once the ballot closes. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class BallotKeySealTest {
    @Inject
    Pool pool;

    @Inject
    KeyVault vault;

    @Inject
    BallotKeys keys;

    @Test
    void theStoredKeyIsSealedToItsBallotAndDeletedAtClose() {
        String ballot = openBallot();
        UUID id = UUID.fromString(ballot);
        String published = given().get("/api/ballots/ballots/" + ballot).then().statusCode(200)
                .extract().path("credentialKey");

        List<byte[]> stored = sealedKey(id);
        assertEquals(1, stored.size());
        byte[] sealed = stored.get(0);
        assertThrows(InvalidKeySpecException.class,
                () -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(sealed)));
        BlindSigningKey opened = BlindSigningKey.fromPkcs8(vault.open(sealed, "ballot-key:" + id),
                BlindRsaVariant.SHA384_PSS_RANDOMIZED);
        assertEquals(published, opened.publicKey().encoded());
        assertThrows(IllegalStateException.class, () -> vault.open(sealed, "ballot-key:" + UUID.randomUUID()));

        // As on a replica that did not open the ballot: issuance reads the sealed key, opens it and signs.
        keys.forget(id);
        redeem(ballot, accessCodes(ballot, 2).values().iterator().next(), publicKey(ballot)).statusCode(200);
        assertTrue(keys.holds(id));
        // The close deletes the row and this replica's copy in memory.
        People.closeEarly(ballot);
        assertEquals(0, sealedKey(id).size());
        assertFalse(keys.holds(id));
    }

    /** Another replica closed the ballot: this one drops the key from memory on its closing job's next tick. */
    @Test
    void aReplicaForgetsTheKeyOfABallotClosedElsewhere() {
        String ballot = openBallot();
        UUID id = UUID.fromString(ballot);
        assertTrue(keys.holds(id));
        pool.preparedQuery("update ballot set status = 'CLOSED' where id = $1").execute(Tuple.of(id))
                .await().indefinitely();
        await().atMost(Duration.ofSeconds(20)).until(() -> !keys.holds(id));
    }

    private static String openBallot() {
        String selection = selection("Ada", "Mary");
        roll(selection, electors(2));
        String ballot = ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        return ballot;
    }

    private List<byte[]> sealedKey(UUID ballot) {
        return StreamSupport.stream(pool.preparedQuery("select sealed_pkcs8 from ballot_key where ballot_id = $1")
                        .execute(Tuple.of(ballot)).await().indefinitely().spliterator(), false)
                .map((Row row) -> row.getBuffer(0).getBytes()).toList();
    }
}
