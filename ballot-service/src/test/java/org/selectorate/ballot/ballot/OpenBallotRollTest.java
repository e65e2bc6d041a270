package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.AccessCodeRevoked;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.selectorate.ballot.FinalBallots.accessCodes;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.openCode;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/**
 * A roll version made after the ballot opened (membership-service's co-signed change: RollFrozen and RollEntries of
 * the next version) reaches the open ballot: the removed can no longer get a credential, the added get a code.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class OpenBallotRollTest {

    @Test
    void aLaterRollVersionRevokesAndTellsTheRemovedMembersAndMailsTheAddedMemberACode() {
        String selection = selection("Ada", "Mary");
        List<RollEntries.Elector> electors = electors(4);
        roll(selection, electors);
        String ballot = ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200)
                .body("rollVersion", equalTo(1)).body("electorate", equalTo(4));
        Map<String, String> codes = accessCodes(ballot, 4);
        BlindVerificationKey key = publicKey(ballot);
        RollEntries.Elector removed = electors.get(0);
        RollEntries.Elector removedAfterVoting = electors.get(3);
        redeem(ballot, codes.get(removedAfterVoting.email()), key).statusCode(200);

        // Version 2, as membership-service writes it after two co-signed removals and one addition.
        RollEntries.Elector added = new RollEntries.Elector("N" + UUID.randomUUID().toString().substring(0, 6),
                "New Member", "new-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org", "B1");
        List<RollEntries.Elector> version2 = List.of(electors.get(1), electors.get(2), added);
        TestEvents.send(Topics.ROLL, selection, RollFrozen.TYPE, new RollFrozen(selection, "C", 2,
                LocalDate.of(2026, 5, 1), 3, "11".repeat(32), Map.of("B1", 3L), 1, 3));
        TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE, new RollEntries(selection, 2, 0, 1, version2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/ballots/ballots/" + ballot)
                .then().statusCode(200).body("rollVersion", equalTo(2)).body("electorate", equalTo(3)));

        redeem(ballot, codes.get(removed.email()), key).statusCode(403)
                .body("type", containsString("access-code-not-recognised"));
        // Both removed members are told, the one who had already been issued a ballot too; nobody else.
        TestEvents.awaitEvents(Topics.CREDENTIALS, ballot, AccessCodeRevoked.TYPE, 2);
        List<String> told = TestEvents.allEvents(Topics.CREDENTIALS, ballot, AccessCodeRevoked.TYPE).stream()
                .map(r -> TestEvents.read(r, AccessCodeRevoked.class).email()).sorted().toList();
        assertEquals(java.util.stream.Stream.of(removed.email(), removedAfterVoting.email()).sorted().toList(), told);

        // The added member's code, sealed to the mail sender like the others, and only theirs is new.
        List<ConsumerRecord<String, String>> records =
                TestEvents.awaitEvents(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, 5);
        List<AccessCodeIssued> events = TestEvents.allEvents(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE)
                .stream().map(r -> TestEvents.read(r, AccessCodeIssued.class)).toList();
        assertEquals(5, events.size(), events.stream().map(AccessCodeIssued::email).toList().toString());
        AccessCodeIssued mailed = events.stream().filter(e -> e.email().equals(added.email())).findFirst()
                .orElseThrow();
        assertEquals("New Member", mailed.name());
        String code = openCode(mailed);
        assertFalse(records.stream().anyMatch(r -> r.value().contains(code)
                || r.value().contains(AccessCodes.normalise(code))), "a code in clear on the topic");
        redeem(ballot, code, key).statusCode(200);
        redeem(ballot, codes.get(electors.get(1).email()), key).statusCode(200);
        given().get("/api/ballots/ballots/" + ballot + "/turnout").then()
                .body("electorate", equalTo(3)).body("total", equalTo(3));

        // The marked register keeps the member removed after they were issued a ballot, and says they are off the roll.
        People.closeEarly(ballot);
        String region = given().get("/api/ballots/selections/" + selection).then().extract().path("region");
        People.as("sub-sam", "sam", Set.of("scrutineer"), List.of(region), List.of());
        given().get("/api/ballots/ballots/" + ballot + "/marked-register").then().statusCode(200)
                .body("membershipNumber", contains(electors.get(1).membershipNumber(),
                        removedAfterVoting.membershipNumber(), added.membershipNumber()))
                .body("onRoll", contains(true, false, true));
    }
}
