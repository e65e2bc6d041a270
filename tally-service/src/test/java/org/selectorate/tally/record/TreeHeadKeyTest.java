package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.keys.KeysConfig;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record's private key is sealed with the key file, opens for its own ballot only, and is gone once the record is final. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class TreeHeadKeyTest {
    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    KeyVault vault;

    @TempDir
    Path elsewhere;

    @Test
    void theTreeHeadKeyIsSealedAtRestAndErasedOnceCounted() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(List.of("Ann", "Ben"), List.of(), 9);
        FinalBallotTest.awaitKnown(ballot);
        Row row = keys(ballot);
        byte[] stored = row.getBuffer("tree_head_private").getBytes();
        String publicKey = row.getString("tree_head_public");

        // Not a private key in clear...
        assertThrows(InvalidKeySpecException.class,
                () -> KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(stored)));
        assertThrows(IllegalArgumentException.class, () -> TreeHeadSigner.fromKeys(stored, publicKey));
        // ...but the record's key, sealed to this ballot under this service's key file: no other opens it.
        TreeHeadSigner.fromKeys(vault.open(stored, TallyBallot.treeHeadKeyContext(ballot.id())), publicKey);
        assertThrows(IllegalStateException.class,
                () -> vault.open(stored, TallyBallot.treeHeadKeyContext("another-ballot")));
        KeyVault other = new KeyVault(new KeysConfig() {
            @Override
            public Path file() {
                return elsewhere.resolve("vault.key");
            }

            @Override
            public boolean generateIfMissing() {
                return true;
            }
        });
        assertThrows(IllegalStateException.class,
                () -> other.open(stored, TallyBallot.treeHeadKeyContext(ballot.id())));

        ballot.cast(ballot.voter(), List.of("Ann")).statusCode(202);
        ballot.cast(ballot.voter(), List.of("Ben")).statusCode(202);
        platform.close(ballot, 2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(FinalBallotTest.base(ballot) + "/result").then().statusCode(200));
        assertNull(keys(ballot).getBuffer("tree_head_private"), "the key is erased once the final head is signed");
        assertEquals(publicKey, keys(ballot).getString("tree_head_public"));
        VerificationReport report = RecordVerifier.verify(RecordCodec.read(
                given().get(FinalBallotTest.base(ballot) + "/record").then().statusCode(200).extract().asString()));
        assertTrue(report.passed(), report.format());
    }

    private Row keys(Ballot ballot) {
        return pool.preparedQuery("select tree_head_private, tree_head_public from tally_ballot where id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next();
    }
}
