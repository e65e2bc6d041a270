package org.selectorate.ballot.issuance;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.testkit.EmbeddedPlatform;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.accessCodes;
import static org.selectorate.ballot.FinalBallots.awaitElectorate;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.frozen;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/** The final ballot from roll to credential, with the test playing membership-service and the voter. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class FinalBallotTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aMemberRedeemsTheirCodeOnceForACredentialThatVerifies() {
        String selection = selection("Ada", "Mary", "Grace");
        String ballot = ballot(selection);
        List<RollEntries.Elector> electors = electors(5);

        // Chunk 0 of 2 arrives: the electorate is not complete, so the ballot cannot open.
        TestEvents.send(Topics.ROLL, selection, RollFrozen.TYPE, frozen(selection, 5, 2));
        String chunk0 = TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE,
                new RollEntries(selection, 1, 0, 2, electors.subList(0, 3)));
        awaitElectorate(selection, r -> r.body("chunksReceived", equalTo(1)).body("complete", equalTo(false)));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("1 of 2 chunks"));

        // Redeliveries (same event, or the same chunk resent) change nothing; chunk 1 completes it.
        TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE,
                new RollEntries(selection, 1, 0, 2, electors.subList(0, 3)), chunk0);
        TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE,
                new RollEntries(selection, 1, 0, 2, electors.subList(0, 3)));
        TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE,
                new RollEntries(selection, 1, 1, 2, electors.subList(3, 5)));
        awaitElectorate(selection, r -> r.body("complete", equalTo(true)).body("electors", equalTo(5))
                .body("chunksReceived", equalTo(2)));

        String publishedKey = given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200)
                .body("status", equalTo("open")).body("electorate", equalTo(5))
                .extract().path("credentialKey");

        BallotOpened opened = TestEvents.read(
                TestEvents.awaitEvents(Topics.BALLOTS, ballot, BallotOpened.TYPE, 1).get(0), BallotOpened.class);
        assertEquals(List.of("Ada", "Mary", "Grace"), opened.candidates());
        assertEquals(List.of(), opened.withdrawn());
        assertEquals("av", opened.method());
        assertEquals("backwards", opened.tieBreak());
        assertEquals(5, opened.electorate());
        assertEquals(publishedKey, opened.credentialKey());
        assertEquals("RSABSSA-SHA384-PSS-Randomized", opened.variant());
        assertTrue(opened.rulebookJson().contains("\"seed\":" + opened.seed()), opened.rulebookJson());

        Map<String, String> codes = accessCodes(ballot, 5);
        assertEquals(electors.stream().map(RollEntries.Elector::email).collect(Collectors.toSet()), codes.keySet());
        assertEquals(5, Set.copyOf(codes.values()).size());

        // The voter: blind a fresh token, redeem the code, unblind, and the credential verifies.
        RollEntries.Elector voter = electors.get(2);
        String code = codes.get(voter.email());
        BlindVerificationKey key = publicKey(ballot);
        Token token = Token.random(RANDOM);
        CredentialMessage message = CredentialMessage.of(ballot, token);
        BlindingSession session = key.blind(message, RANDOM);
        LocalDate dayBefore = LocalDate.now(ZoneOffset.UTC);
        String blindSignature = redeem(ballot, code, session).statusCode(200).extract().path("blindSignature");
        Credential credential = session.finish(Base64Url.decode(blindSignature));
        assertTrue(key.verify(message, credential));
        // The same request again (its answer lost to a crash): the same signature, nothing marked or sent twice.
        assertEquals(blindSignature, redeem(ballot, code, session).statusCode(200).extract().path("blindSignature"));

        redeem(ballot, code, key.blind(CredentialMessage.of(ballot, Token.random(RANDOM)), RANDOM))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("a credential was already issued for this access code"));
        redeem(ballot, "7K3M-Q9XB-2HRT-V0PD", key.blind(CredentialMessage.of(ballot, token), RANDOM))
                .statusCode(403).body("type", containsString("access-code-not-recognised"));
        redeem(ballot, "not a code", session).statusCode(400);

        CredentialIssued issued = TestEvents.read(
                TestEvents.awaitEvents(Topics.CREDENTIALS, ballot, CredentialIssued.TYPE, 1).get(0), CredentialIssued.class);
        assertEquals(voter.email(), issued.email());
        assertEquals("online", issued.channel());
        // The day only (UTC): the type allows nothing finer.
        assertTrue(!issued.issuedOn().isBefore(dayBefore) && !issued.issuedOn().isAfter(LocalDate.now(ZoneOffset.UTC)),
                issued.toString());

        given().get("/api/ballots/ballots/" + ballot + "/turnout").then().statusCode(200)
                .body("electorate", equalTo(5)).body("issued.online", equalTo(1)).body("total", equalTo(1));

        People.closeEarly(ballot);
        given().get("/api/ballots/ballots/" + ballot).then().statusCode(200).body("status", equalTo("closed"));
        BallotClosed closed = TestEvents.read(
                TestEvents.awaitEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE, 1).get(0), BallotClosed.class);
        assertEquals(1L, closed.markedRegister().get("online"));
        assertEquals(0L, closed.markedRegister().get("postal"));

        String other = codes.get(electors.get(0).email());
        redeem(ballot, other, key.blind(CredentialMessage.of(ballot, Token.random(RANDOM)), RANDOM))
                .statusCode(409).body("detail", containsString("closed"));
    }

    @Test
    void racingRequestsForOneCodeGetExactlyOneCredential() throws Exception {
        String selection = selection("Ada", "Mary");
        String ballot = ballot(selection);
        roll(selection, electors(2));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        String code = accessCodes(ballot, 2).values().iterator().next();
        BlindVerificationKey key = publicKey(ballot);

        List<Integer> statuses = IntStream.range(0, 8).parallel()
                .mapToObj(i -> redeem(ballot, code, key.blind(CredentialMessage.of(ballot, Token.random(RANDOM)),
                        RANDOM)).extract().statusCode())
                .toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        given().get("/api/ballots/ballots/" + ballot + "/turnout").then().body("total", equalTo(1));
    }

    @Test
    void aBallotDoesNotOpenWithFewerThanTwoCandidates() {
        String selection = selection("Ada", "Mary");
        String ballot = ballot(selection);
        roll(selection, electors(2));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/ballots/selections/" + selection + "/candidates/Mary/withdraw").then().statusCode(200);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(409)
                .body("detail", containsString("at least 2 candidates"));
        given().get("/api/ballots/ballots/" + ballot).then().body("status", equalTo("draft"));
    }

    @Test
    void theSelectionNamesItsBallotAndThePublicPaperCarriesTheRulebook() {
        String selection = selection("Ada", "Mary");
        given().get("/api/ballots/selections/" + selection + "/ballots").then().statusCode(200).body("$", empty());
        String ballot = ballot(selection);
        given().get("/api/ballots/selections/" + selection + "/ballots").then().statusCode(200)
                .body("id", contains(ballot)).body("status", contains("draft"));
        given().get("/api/ballots/selections/" + UUID.randomUUID() + "/ballots").then().statusCode(404)
                .contentType("application/problem+json");
        roll(selection, electors(2));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        given().get("/api/ballots/public/ballots/" + ballot).then().statusCode(200)
                .body("rulebook.version", equalTo(1)).body("rulebook.tieBreak", equalTo("backwards"))
                .body("rulebook.seed", notNullValue()).body("rulebook", not(hasKey("noticeLeadHours")));
    }

    @Test
    void withdrawalsBeforeOpeningLeaveThePaperAndAfterOpeningAreListed() {
        String selection = selection("Ada", "Mary", "Grace");
        String ballot = ballot(selection);
        roll(selection, electors(2));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/ballots/selections/" + selection + "/candidates/Ada/withdraw").then().statusCode(200);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200)
                .body("candidates", contains("Mary", "Grace")).body("withdrawn", empty());
        // After opening, a withdrawal is co-signed by a scrutineer.
        People.cosign(People.proposed(given().contentType(ContentType.JSON).body(Map.of("reason", "Grace stood down"))
                .post("/api/ballots/selections/" + selection + "/candidates/Grace/withdraw").then()));
        given().get("/api/ballots/public/ballots/" + ballot).then().statusCode(200)
                .body("candidates", contains("Mary", "Grace")).body("withdrawn", contains("Grace"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Late")).post(
                "/api/ballots/selections/" + selection + "/candidates").then().statusCode(409);
    }

    @Test
    void aCodeForOneBallotDoesNotOpenAnother() {
        String first = ballot(selection("Ada", "Mary"));
        String second = ballot(selection("Ada", "Mary"));
        for (String ballot : List.of(first, second)) {
            String selection = given().get("/api/ballots/ballots/" + ballot).then().extract().path("selectionId");
            roll(selection, electors(1));
            given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        }
        String firstCode = accessCodes(first, 1).values().iterator().next();
        BlindVerificationKey key = publicKey(second);
        redeem(second, firstCode, key.blind(CredentialMessage.of(second, Token.random(RANDOM)), RANDOM))
                .statusCode(403).body("detail", equalTo("this access code does not open this ballot"));
    }
}
