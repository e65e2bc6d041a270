package org.selectorate.ballot;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.seal.CodeSeal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Sets up final ballots as an HQ admin (selection, roll, ballot) with the test playing membership-service, and
 * plays the voter. Selections have no committee, so the notice gate lets them open.
 */
public final class FinalBallots {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CodeSeal.Opener MAIL_SENDER = new CodeSeal.Opener(mailSenderKey(), 16);

    private FinalBallots() {
    }

    public static String selection(String... candidates) {
        String constituency = TestEvents.knownConstituency("R-test");
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Final ballot " + constituency,
                        "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        for (String name : candidates) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/ballots/selections/" + id + "/candidates").then().statusCode(201);
        }
        return id;
    }

    /** A draft ballot closing a day from now. */
    public static String ballot(String selection) {
        return ballot(selection, Instant.now().plus(1, ChronoUnit.DAYS));
    }

    public static String ballot(String selection, Instant closesAt) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("closesAt", closesAt.toString()))
                .post("/api/ballots/selections/" + selection + "/ballots").then().statusCode(201)
                .body("status", equalTo("draft")).extract().path("id");
    }

    public static List<RollEntries.Elector> electors(int n) {
        String batch = UUID.randomUUID().toString().substring(0, 6);
        return IntStream.range(0, n).mapToObj(i -> new RollEntries.Elector("M" + batch + i, "Member " + i,
                "m" + i + "-" + batch + "@example.org", "B1")).toList();
    }

    public static RollFrozen frozen(String selection, long electorate, int chunks) {
        return new RollFrozen(selection, "C", 1, LocalDate.of(2026, 5, 1), electorate, "00".repeat(32),
                Map.of("B1", electorate), chunks, 0);
    }

    /** The whole roll in one chunk; returns once the electorate is complete. */
    public static void roll(String selection, List<RollEntries.Elector> electors) {
        TestEvents.send(Topics.ROLL, selection, RollFrozen.TYPE, frozen(selection, electors.size(), 1));
        TestEvents.send(Topics.ROLL, selection, RollEntries.TYPE, new RollEntries(selection, 1, 0, 1, electors));
        awaitElectorate(selection, r -> r.body("complete", equalTo(true)));
    }

    public static void awaitElectorate(String selection, Consumer<ValidatableResponse> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expected.accept(
                given().get("/api/ballots/selections/" + selection + "/electorate").then().statusCode(200)));
    }

    /** Email to code, as notification-service would read them: each opened with the mail sender's test key. */
    public static Map<String, String> accessCodes(String ballot, int electorate) {
        return accessCodeEvents(ballot, electorate).stream()
                .collect(Collectors.toMap(AccessCodeIssued::email, FinalBallots::openCode));
    }

    public static List<AccessCodeIssued> accessCodeEvents(String ballot, int electorate) {
        return TestEvents.awaitEvents(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, electorate).stream()
                .map(r -> TestEvents.read(r, AccessCodeIssued.class)).toList();
    }

    /**
     * An event's sealed code opened, for its ballot and recipient, with the private half of the test key pair
     * (src/test/resources/mail-code-test.*, made with {@code CodeSeal.generate}; its public half is %test's
     * {@code selectorate.mail.code-public-key-file}).
     */
    public static String openCode(AccessCodeIssued event) {
        return MAIL_SENDER.open(event.sealedCode(), event.ballotId(), event.email());
    }

    private static RSAPrivateCrtKey mailSenderKey() {
        try (InputStream in = FinalBallots.class.getResourceAsStream("/mail-code-test.key")) {
            return CodeSeal.privateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BlindVerificationKey publicKey(String ballot) {
        var body = given().get("/api/ballots/public/ballots/" + ballot).then().statusCode(200)
                .body("status", equalTo("open")).extract().jsonPath();
        return BlindVerificationKey.fromEncoded(BlindRsaVariant.fromId(body.getString("variant")),
                body.getString("credentialKey"));
    }

    public static ValidatableResponse redeem(String ballot, String code, BlindingSession session) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("accessCode", code, "blindedMessage", Base64Url.encode(session.blindedMessage())))
                .post("/api/ballots/public/ballots/" + ballot + "/credentials").then();
    }

    /** Redeems {@code code} with a fresh token, blinded under {@code key}. */
    public static ValidatableResponse redeem(String ballot, String code, BlindVerificationKey key) {
        return redeem(ballot, code, key.blind(CredentialMessage.of(ballot, Token.random(RANDOM)), RANDOM));
    }
}
