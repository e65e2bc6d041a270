package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.FinalBallots;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.seal.CodeSeal;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.awaitElectorate;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.openCode;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/**
 * Access codes leave ballot-service only sealed to the mail sender's key: the event (which the outbox relays
 * verbatim, so the outbox row held the same) carries ciphertext, which the mail sender's private key opens to a code
 * that redeems.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class SealedAccessCodeTest {
    private static final Logger LOG = Logger.getLogger(SealedAccessCodeTest.class);
    private static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";

    @Inject
    CodeSealer sealer;

    @Test
    void theEventCarriesTheCodeSealedAndNeverInClear() {
        String selection = selection("Ada", "Mary");
        List<RollEntries.Elector> electors = electors(3);
        roll(selection, electors);
        String ballot = ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);

        List<ConsumerRecord<String, String>> records =
                TestEvents.awaitEvents(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, 3);
        Set<String> codes = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            AccessCodeIssued event = TestEvents.read(record, AccessCodeIssued.class);
            String code = openCode(event);
            assertTrue(code.matches(CODE), "opened to " + code.length() + " characters");
            String payload = record.value();
            assertTrue(payload.contains(event.email()), "the payload is the event");
            assertFalse(payload.contains(code), "the code is in the event in clear");
            assertFalse(payload.contains(AccessCodes.normalise(code)), "the code is in the event in clear");
            assertFalse(payload.contains("\"code\""), payload.length() + " characters, with a field named code");
            codes.add(code);
        }
        assertEquals(3, codes.size());

        // The opened code is the one whose hash was kept: it redeems.
        redeem(ballot, codes.iterator().next(), publicKey(ballot)).statusCode(200);
    }

    /**
     * Sealing costs one RSA-3072 public-key operation per batch and an AES-GCM encryption per elector, off the event
     * loop. Logs what opening a ballot of 2,000 electors takes, and what the sealing alone takes, for the report. The
     * events of one opening share one wrapped data key, and each code opens only for its own elector's mail.
     */
    @Test
    void aBallotOf2000ElectorsOpensWithEveryCodeSealed() {
        int electorate = 2000;
        int chunks = 4;
        String selection = selection("Ada", "Mary");
        List<RollEntries.Elector> electors = electors(electorate);
        TestEvents.send(Topics.ROLL, selection, RollFrozen.TYPE, FinalBallots.frozen(selection, electorate, chunks));
        int size = electorate / chunks;
        for (int chunk = 0; chunk < chunks; chunk++) {
            TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE, new RollEntries(selection, 1, chunk, chunks,
                    electors.subList(chunk * size, (chunk + 1) * size)));
        }
        awaitElectorate(selection, r -> r.body("complete", equalTo(true)).body("electors", equalTo(electorate)));
        String ballot = ballot(selection);

        long start = System.nanoTime();
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200)
                .body("electorate", equalTo(electorate));
        Duration open = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        CodeSeal.Sealer batch = sealer.batch();
        for (int i = 0; i < electorate; i++) {
            batch.seal("7K3M-Q9XB-2HRT-V0PD", ballot, "m" + i + "@example.org");
        }
        Duration sealing = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("opening a ballot of %d electors took %d ms (key pair, sealing every code, the statements); "
                + "sealing %d codes alone takes %d ms", electorate, open.toMillis(), electorate, sealing.toMillis());

        List<AccessCodeIssued> events = FinalBallots.accessCodeEvents(ballot, electorate);
        assertEquals(electorate, events.stream().map(AccessCodeIssued::sealedCode).distinct().count());
        assertEquals(electorate, events.stream().map(AccessCodeIssued::email).distinct().count());
        assertEquals(1, events.stream().map(e -> e.sealedCode().split("\\.")[1]).distinct().count(),
                "one data key for the opening");
        AccessCodeIssued first = events.get(0);
        AccessCodeIssued moved = new AccessCodeIssued(first.ballotId(), first.title(), events.get(1).email(),
                first.name(), first.sealedCode(), first.closesAt());
        assertThrows(IllegalArgumentException.class, () -> openCode(moved), "a code moved to another member's mail");
        redeem(ballot, openCode(events.get(electorate / 2)), publicKey(ballot)).statusCode(200);
    }
}
