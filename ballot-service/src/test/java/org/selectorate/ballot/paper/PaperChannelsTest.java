package org.selectorate.ballot.paper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.FinalBallots;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.PapersCancelled;
import org.selectorate.contracts.ballot.PapersIssued;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.paper.PaperNumber;
import org.selectorate.testkit.EmbeddedPlatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Postal and in-person papers beside online voting: one vote per member, the marked register the arbiter. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class PaperChannelsTest {
    private static final Pattern PAPER = Pattern.compile("Paper number: (\\w{4}-\\w{4}-\\w{4}-\\w{4})");
    private static final Pattern DECLARATION = Pattern.compile("Declaration number: (\\w{4}-\\w{4}-\\w{4}-\\w{4})");

    private record Open(String selection, String ballot, List<RollEntries.Elector> electors, Map<String, String> codes,
                        BlindVerificationKey key) {
        String member(int i) {
            return electors.get(i).membershipNumber();
        }

        ValidatableResponse redeem(int i) {
            return FinalBallots.redeem(ballot, codes.get(electors.get(i).email()), key);
        }

        String path(String rest) {
            return "/api/ballots/ballots/" + ballot + rest;
        }
    }

    /** What a printed pack says, read back from the PDF. */
    private record Printed(String text, List<String> papers, List<String> declarations) {
    }

    @Test
    void onIssueAPostalPackAndACredentialExcludeEachOther() {
        Open o = open(Map.of("channels", Map.of("postal", true, "inPerson", true)), 13);

        // Credential first: no postal pack, and nothing changes (a bulk request with one refusal refuses them all).
        o.redeem(0).statusCode(200);
        issue(o, o.member(2), o.member(0)).statusCode(409).contentType("application/problem+json")
                .body("type", containsString("voted-online")).body("detail", containsString("online"));
        given().get(o.path("/postal-packs")).then().statusCode(200).body("$", hasSize(0));

        // Postal first: the pack marks the register, so no credential.
        Printed pack = printed(issue(o, o.member(1)).statusCode(200).contentType("application/pdf")
                .extract().asByteArray());
        RollEntries.Elector one = o.electors().get(1);
        assertTrue(pack.text().contains(one.name()), pack.text());
        assertTrue(pack.text().contains("1 Station Road"), pack.text());
        assertTrue(pack.text().contains("Town " + one.membershipNumber()), pack.text());
        assertEquals(1, pack.papers().size());
        String paper = pack.papers().get(0);
        assertEquals(PaperNumber.read(paper).grouped(), paper);
        PapersIssued issued = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), PapersIssued.TYPE, 1)
                .get(0), PapersIssued.class);
        assertEquals(new PapersIssued(o.ballot(), "postal", List.of(PaperNumber.read(paper).digest())), issued);
        o.redeem(1).statusCode(409).body("type", containsString("voted-postal"));
        issue(o, o.member(1)).statusCode(409).body("type", containsString("postal-pack-issued"));

        // In person after postal: refused, naming the channel.
        String meeting = startedMeeting(o);
        attend(o, meeting, o.member(1));
        given().contentType(ContentType.JSON).body(Map.of("meetingId", meeting, "membershipNumber", o.member(1)))
                .post(o.path("/in-person-issues")).then().statusCode(409).body("type", containsString("voted-postal"));

        // Lost: cancelled with its paper at hand, then replaced; the old paper can no longer be returned.
        String declaration = pack.declarations().get(0);
        given().contentType(ContentType.JSON).body(Map.of("paperNumber", paper.toLowerCase()))
                .post(o.path("/postal-packs/" + declaration + "/cancel")).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("reason", equalTo("replaced"));
        PapersCancelled replaced = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(),
                PapersCancelled.TYPE, 1).get(0), PapersCancelled.class);
        assertEquals(new PapersCancelled(o.ballot(), "postal", issued.paperDigests(), "replaced"), replaced);
        Printed replacement = printed(issue(o, o.member(1)).statusCode(200).extract().asByteArray());
        returnPack(o, declaration, true, paper).statusCode(409).body("type", containsString("pack-cancelled"));

        // Returns: an unknown declaration is a 404, an unknown paper a 400; neither records anything.
        returnPack(o, "7K3M-Q9TX-2WPD-H5RB", true, replacement.papers().get(0)).statusCode(404)
                .contentType("application/problem+json");
        String second = replacement.declarations().get(0);
        returnPack(o, second, true, paper).statusCode(400).body("errors[0]", containsString("cancelled"));
        returnPack(o, second, true, replacement.papers().get(0)).statusCode(200)
                .body("outcome", equalTo("accepted"));
        returnPack(o, second, true, replacement.papers().get(0)).statusCode(409)
                .body("type", containsString("return-recorded"));

        // A bulk issue: ten packs in one PDF and one event, shuffled.
        List<String> ten = IntStream.range(3, 13).mapToObj(o::member).toList();
        Printed bulk = printed(issue(o, ten.toArray(String[]::new)).statusCode(200).extract().asByteArray());
        assertEquals(10, bulk.papers().size());
        assertEquals(10, bulk.declarations().size());

        People.closeEarly(o.ballot());
        BallotClosed closed = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), BallotClosed.TYPE, 1)
                .get(0), BallotClosed.class);
        assertEquals(Map.of("online", 1L, "postal", 11L, "in-person", 0L), closed.markedRegister());
        // The cancelled pack is not counted as issued.
        assertEquals(new BallotClosed.PaperIssue(11, 1L, Map.of()), closed.papers().get("postal"));
        assertEquals(new BallotClosed.PaperIssue(0, null, Map.of()), closed.papers().get("in-person"));
        assertEquals(Map.of("B1", new BallotClosed.BranchTurnout(13, 12)), closed.turnoutByBranch());
        // 1 credential and 12 postal papers today (the cancelled one too: it was issued), all by the hour.
        assertEquals(13L, closed.issuancesByHour().values().stream().mapToLong(Long::longValue).sum());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(closed.issuancesByHour().keySet().stream().allMatch(h -> h.startsWith(today + "T")),
                closed.issuancesByHour().toString());
    }

    @Test
    void onReturnALateDeclarationFromAnOnlineVoterIsRejectedAndItsPaperCancelled() {
        Open o = open(Map.of("channels", Map.of("postal", true, "inPerson", true, "postalMarks", "on-return"),
                "method", "stv-meek", "seats", 2), 5);
        BallotOpened opened = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), BallotOpened.TYPE, 1)
                .get(0), BallotOpened.class);
        assertEquals("stv-meek", opened.method());
        assertEquals(2, opened.seats());
        assertTrue(opened.rulebookJson().contains("\"postalMarks\":\"on-return\""), opened.rulebookJson());

        // Issued but not marked: the member may still vote online, and then their return is rejected.
        Printed zero = printed(issue(o, o.member(0)).statusCode(200).extract().asByteArray());
        assertTrue(zero.text().contains("2 candidates will be elected"), zero.text());
        o.redeem(0).statusCode(200);
        returnPack(o, zero.declarations().get(0), true, zero.papers().get(0)).statusCode(409)
                .contentType("application/problem+json").body("type", containsString("voted-online"))
                .body("detail", containsString("recorded as rejected"));
        List<PapersCancelled> cancelled = TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), PapersCancelled.TYPE, 1)
                .stream().map(r -> TestEvents.read(r, PapersCancelled.class)).toList();
        assertEquals(new PapersCancelled(o.ballot(), "postal", List.of(PaperNumber.read(zero.papers().get(0))
                .digest()), "voted-online"), cancelled.get(0));
        given().get(o.path("/postal-packs")).then().statusCode(200)
                .body("find { it.membershipNumber == '" + o.member(0) + "' }.status", equalTo("rejected"))
                .body("find { it.membershipNumber == '" + o.member(0) + "' }.reason", equalTo("voted-online"));

        // An unsigned declaration is rejected with its reason; a signed one marks the register at return.
        Printed one = printed(issue(o, o.member(1)).statusCode(200).extract().asByteArray());
        returnPack(o, one.declarations().get(0), false, one.papers().get(0)).statusCode(200)
                .body("outcome", equalTo("rejected")).body("reason", equalTo("declaration-unsigned"));
        Printed two = printed(issue(o, o.member(2)).statusCode(200).extract().asByteArray());
        returnPack(o, two.declarations().get(0), true, two.papers().get(0)).statusCode(200)
                .body("outcome", equalTo("accepted"));
        o.redeem(2).statusCode(409).body("type", containsString("voted-postal"));

        // In person: papers printed beforehand (no member), then handed to an attending member, who is marked.
        byte[] papers = given().contentType(ContentType.JSON).body(Map.of("count", 3))
                .post(o.path("/meeting-papers")).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        Printed pile = printed(papers);
        assertEquals(3, pile.papers().size());
        assertTrue(pile.declarations().isEmpty());
        PapersIssued printedForMeeting = TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), PapersIssued.TYPE, 4)
                .stream().map(r -> TestEvents.read(r, PapersIssued.class))
                .filter(e -> e.channel().equals("in-person")).findFirst().orElseThrow();
        assertEquals(3, printedForMeeting.paperDigests().size());
        String meeting = startedMeeting(o);
        Map<String, Object> three = Map.of("meetingId", meeting, "membershipNumber", o.member(3));
        given().contentType(ContentType.JSON).body(three).post(o.path("/in-person-issues")).then().statusCode(409)
                .body("type", containsString("not-attending"));
        attend(o, meeting, o.member(3));
        given().contentType(ContentType.JSON).body(three).post(o.path("/in-person-issues")).then().statusCode(200)
                .body("channel", equalTo("in-person"));
        o.redeem(3).statusCode(409).body("type", containsString("voted-in-person"));
        given().contentType(ContentType.JSON).body(three).post(o.path("/in-person-issues")).then().statusCode(409)
                .body("type", containsString("voted-in-person"));

        Printed four = printed(issue(o, o.member(4)).statusCode(200).extract().asByteArray());

        People.closeEarly(o.ballot());
        BallotClosed closed = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), BallotClosed.TYPE, 1)
                .get(0), BallotClosed.class);
        assertEquals(Map.of("online", 1L, "postal", 1L, "in-person", 1L), closed.markedRegister());
        assertEquals(new BallotClosed.PaperIssue(4, 3L, Map.of("voted-online", 1L, "declaration-unsigned", 1L)),
                closed.papers().get("postal"));
        assertEquals(new BallotClosed.PaperIssue(1, null, Map.of()), closed.papers().get("in-person"));
        assertEquals(Map.of("B1", new BallotClosed.BranchTurnout(5, 3)), closed.turnoutByBranch());
        // Fewer than ten issuances that day: its hours are not published.
        assertEquals(Map.of(), closed.issuancesByHour());

        // After the close a return is late: recorded as rejected, its paper cancelled.
        returnPack(o, four.declarations().get(0), true, four.papers().get(0)).statusCode(200)
                .body("outcome", equalTo("rejected")).body("reason", equalTo("late"));
        PapersCancelled late = TestEvents.awaitEvents(Topics.BALLOTS, o.ballot(), PapersCancelled.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, PapersCancelled.class)).filter(e -> e.reason().equals("late"))
                .findFirst().orElseThrow();
        assertEquals(List.of(PaperNumber.read(four.papers().get(0)).digest()), late.paperDigests());
    }

    @Test
    void badBallotRulesAre400sAndCreateNothing() {
        String constituency = TestEvents.knownConstituency("R-test");
        for (Map<String, Object> rulebook : List.of(Map.<String, Object>of("method", "stv-bogus"),
                Map.<String, Object>of("method", "av", "seats", 3),
                Map.<String, Object>of("channels", Map.of("postalMarks", "on-return")),
                Map.<String, Object>of("channels", Map.of("postal", true, "postalMarks", "sometimes")))) {
            given().contentType(ContentType.JSON).body(Map.of("constituency", constituency, "title", "Bad rules",
                            "freezeDate", "2026-05-01", "rulebook", rulebook))
                    .post("/api/ballots/selections").then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/api/ballots/selections").then().statusCode(200)
                .body("findAll { it.constituency == '" + constituency + "' }", hasSize(0));
        // A rulebook without them shows the defaults and publishes as before.
        given().contentType(ContentType.JSON).body(Map.of("constituency", constituency, "title", "Default",
                        "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.method", equalTo("av")).body("rulebook.seats", equalTo(1))
                .body("rulebook.channels.postal", equalTo(false));
    }

    private static Open open(Map<String, Object> rulebook, int n) {
        String constituency = TestEvents.knownConstituency("R-test");
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Papers " + constituency,
                        "freezeDate", "2026-05-01", "rulebook", rulebook))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        for (String name : List.of("Ada", "Mary", "Grace")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/ballots/selections/" + selection + "/candidates").then().statusCode(201);
        }
        String batch = UUID.randomUUID().toString().substring(0, 6);
        List<RollEntries.Elector> electors = IntStream.range(0, n).mapToObj(i -> new RollEntries.Elector(
                "P" + batch + i, "Member " + i, "p" + i + "-" + batch + "@example.org", "B1",
                "1 Station Road\nTown P" + batch + i)).toList();
        FinalBallots.roll(selection, electors);
        String ballot = FinalBallots.ballot(selection, Instant.now().plus(1, ChronoUnit.DAYS));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        return new Open(selection, ballot, electors, FinalBallots.accessCodes(ballot, n), FinalBallots.publicKey(ballot));
    }

    private static ValidatableResponse issue(Open o, String... members) {
        return given().contentType(ContentType.JSON).body(Map.of("membershipNumbers", List.of(members)))
                .post(o.path("/postal-packs")).then();
    }

    private static ValidatableResponse returnPack(Open o, String declaration, boolean signed, String paper) {
        return given().contentType(ContentType.JSON).body(Map.of("declarationNumber", declaration,
                "declarationSigned", signed, "paperNumber", paper)).post(o.path("/postal-returns")).then();
    }

    private static String startedMeeting(Open o) {
        Instant starts = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>(Map.of("title", "Hustings", "startsAt", starts.toString(),
                "endsAt", starts.plusSeconds(7200).toString(), "location", "Community hall"));
        String meetings = "/api/ballots/selections/" + o.selection() + "/meetings";
        String meeting = given().contentType(ContentType.JSON).body(body).post(meetings).then().statusCode(201)
                .extract().path("id");
        given().post(meetings + "/" + meeting + "/start").then().statusCode(200);
        return meeting;
    }

    private static void attend(Open o, String meeting, String member) {
        given().contentType(ContentType.JSON).body(Map.of("membershipNumber", member))
                .post("/api/ballots/selections/" + o.selection() + "/meetings/" + meeting + "/attendance")
                .then().statusCode(200);
    }

    private static Printed printed(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            return new Printed(text, all(PAPER, text), all(DECLARATION, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
