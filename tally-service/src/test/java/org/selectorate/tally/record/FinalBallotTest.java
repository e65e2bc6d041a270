package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;
import org.selectorate.integrity.record.TreeHeadKey;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.tally.cast.CastSeal;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.tally.record.TallyPlatform.Voter;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.recount.RecordCount;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A final ballot through tally-service: opened by event, cast by voters with real blind signatures through the
 * anonymous endpoint, looked up by tracker with a checked inclusion proof, closed by event, counted, exported
 * and verified; and each kind of bad cast refused with a problem, leaving the record as it was.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class FinalBallotTest {
    private static final List<String> CANDIDATES = List.of("Ada Lovelace", "Bo Diddley", "Cy Twombly", "Di Fosse");
    private static final List<String> WITHDRAWN = List.of("Di Fosse");
    private static final List<String> LATE_VOTE = List.of("Ada Lovelace");

    @Inject
    ObjectMapper json;
    @Inject
    RecordWriter writer;
    @Inject
    Pool pool;
    @Inject
    CastSeal seal;

    @Test
    void aBallotIsCastRecordedCountedAndVerifies() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, WITHDRAWN, 42);
        awaitKnown(ballot);
        given().get(base(ballot) + "/record").then().statusCode(409).body("type", containsString("not-counted"));

        List<List<String>> votes = new ArrayList<>();
        votes.addAll(Collections.nCopies(8, List.of("Ada Lovelace", "Cy Twombly")));
        votes.addAll(Collections.nCopies(7, List.of("Bo Diddley", "Cy Twombly")));
        votes.addAll(Collections.nCopies(4, List.of("Cy Twombly", "Bo Diddley", "Ada Lovelace")));
        votes.add(List.of("Cy Twombly"));
        Collections.shuffle(votes, TallyPlatform.RANDOM);

        Map<String, List<String>> byTracker = new LinkedHashMap<>();
        List<Voter> voters = new ArrayList<>();
        for (int i = 0; i < votes.size(); i++) {
            if (i == votes.size() / 2) {
                // As after a restart or a partition move: the writer resumes the record from the database.
                writer.forget();
            }
            Voter voter = ballot.voter();
            voters.add(voter);
            String tracker = ballot.cast(voter, votes.get(i)).statusCode(202).extract().path("tracker");
            byTracker.put(tracker, votes.get(i));
        }

        // The first cast is in the first mix (min-batch 3 in tests); a last one or two may wait for the close.
        String firstTracker = byTracker.keySet().iterator().next();
        JsonPath entry = awaitEntry(ballot, firstTracker);
        assertEquals(byTracker.get(firstTracker), entry.getList("vote"));
        assertEquals("online", entry.getString("channel"));
        InclusionProof proof = new InclusionProof(entry.getLong("seq"), entry.getLong("treeHead.treeSize"),
                entry.<String>getList("proof").stream().map(Digest::fromHex).toList());
        assertTrue(proof.verify(Digest.fromHex(entry.getString("leafHash")),
                Digest.fromHex(entry.getString("treeHead.rootHash"))), "the inclusion proof must verify");
        // The entry as the record holds it hashes to its leaf: a page can check the leaf, not only the path.
        Map<String, Object> leaf = entry.getMap("leaf");
        byte[] canonical = CanonicalJson.write(leaf).getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = new byte[canonical.length + 1];
        System.arraycopy(canonical, 0, prefixed, 1, canonical.length);
        assertEquals(entry.getString("leafHash"), Digest.sha256(prefixed).hex());
        assertEquals(firstTracker, leaf.get("tracker"));
        JsonPath head = given().get(base(ballot) + "/head").then().statusCode(200).extract().jsonPath();
        assertTrue(head.getLong("treeHead.treeSize") >= entry.getLong("treeHead.treeSize"));
        given().get("/api/tally/public/ballots/" + UUID.randomUUID() + "/head").then().statusCode(404);

        byTracker.put(refusals(ballot, voters.get(0)), LATE_VOTE);
        votes.add(LATE_VOTE);
        given().get(base(ballot) + "/result").then().statusCode(409);

        platform.close(ballot, votes.size() + 3);
        JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        IndependentCount expected = IndependentCount.of(votes, CANDIDATES, WITHDRAWN);
        assertEquals(List.of(expected.winner()), result.getList("elected"));
        assertEquals(votes.size(), result.getInt("votes"));
        Map<String, String> firstStage = result.getMap("stages.find { it.tallies['Ada Lovelace'] != null }.tallies");
        expected.firstPreferences().forEach((name, n) ->
                assertEquals(0, new BigDecimal(firstStage.get(name)).compareTo(BigDecimal.valueOf(n)), name));

        // Written a page of entries at a time to a temporary file (pages of three in tests), whose name is gone
        // before it is read: nothing of the export stays on disk, and its length is known before it is sent.
        var response = given().get(base(ballot) + "/record").then().statusCode(200)
                .contentType(containsString("application/json")).extract();
        String exported = response.asString();
        assertEquals(exported.getBytes(StandardCharsets.UTF_8).length,
                Long.parseLong(response.header("Content-Length")));
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("selectorate-record-" + ballot.id())));
        }
        RecordDocument record = RecordCodec.read(exported);
        VerificationReport report = RecordVerifier.verify(record);
        assertTrue(report.passed(), report.format());
        assertEquals(votes.size(), record.entries().size());
        assertEquals(byTracker.keySet(), record.entries().stream().map(RecordEntry::tracker)
                .collect(Collectors.toSet()));
        for (String tracker : byTracker.keySet()) {
            assertEquals(byTracker.get(tracker), awaitEntry(ballot, tracker).getList("vote"));
        }
        TreeHead signed = new TreeHead(ballot.id(), entry.getLong("treeHead.treeSize"),
                entry.getString("treeHead.rootHash"), entry.getString("treeHead.chainHash"),
                entry.getString("treeHead.headerHash"), entry.getString("treeHead.timestamp"));
        assertEquals(record.header().keys().treeHeadKey(), head.getString("publicKey"));
        assertTrue(TreeHeadKey.fromEncoded(record.header().keys().treeHeadKey()).verify(
                new SignedTreeHead(signed, entry.getString("treeHead.signature"), List.of())),
                "the head a voter's proof is against is signed with the record's key");
        assertEquals(result.getString("recordRoot"),
                record.treeHeads().get(record.treeHeads().size() - 1).head().rootHash());

        String blt = given().queryParam("format", "blt").get(base(ballot) + "/record").then().statusCode(200)
                .extract().asString();
        assertTrue(blt.startsWith("4 1\n-4\n"), blt);
        assertEquals(RecordCount.blt(record.header(), record.entries()), blt, "the BLT is the exported record's");
        assertTrue(blt.contains("\"Ada Lovelace\""), blt);
        given().accept("text/plain").get(base(ballot) + "/record").then().statusCode(200).body(equalTo(blt));

        // After the close: the endpoint refuses, and nothing reaches the record.
        ballot.cast(ballot.voter(), List.of("Ada Lovelace")).statusCode(409)
                .body("type", containsString("ballot-closed"));
        given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(401);
    }

    /** Each bad cast gets its problem; none reaches the record. */
    private String refusals(Ballot ballot, Voter used) throws Exception {
        ballot.cast(forged(ballot), List.of("Ada Lovelace")).statusCode(403)
                .body("type", containsString("forbidden"))
                .body("detail", containsString("not a valid signature"));
        ballot.cast(used, List.of("Bo Diddley")).statusCode(409)
                .body("type", containsString("credential-used"))
                .body("detail", equalTo("this credential has already been used"));
        ballot.cast(ballot.voter(), List.of("Ada Lovelace", "Zed Zero")).statusCode(400)
                .body("detail", containsString("\"Zed Zero\" is not a candidate"));
        ballot.cast(ballot.voter(), List.of("Bo Diddley", "Ada Lovelace", "Bo Diddley")).statusCode(400)
                .body("detail", containsString("\"Bo Diddley\" is ranked more than once"));
        ballot.cast(ballot.voter(), List.of("Di Fosse")).statusCode(400)
                .body("detail", containsString("\"Di Fosse\" has withdrawn"));
        ballot.cast(ballot.voter(), List.of()).statusCode(400)
                .body("errors", hasItem("vote: rank at least one candidate"));
        new Ballot("no-such-ballot", ballot.issuer()).cast(ballot.voter(), List.of("Cy Twombly")).statusCode(404)
                .body("type", containsString("not-found"));

        // Straight onto the topic, past the endpoint: the writer itself refuses a reused token and a forgery, sealed as
        // the endpoint seals them, and drops a good cast sent in clear, as someone who may write to the broker but
        // has no key file would send it (the exported record holds exactly the accepted casts). Then a good cast
        // through the endpoint, which counts.
        Voter forged = forged(ballot);
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, seal.forTopic(
                new CastSubmitted(ballot.id(), used.token().encoded(), used.credential().prefix(),
                        used.credential().signature(), List.of("Bo Diddley")), CANDIDATES));
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, seal.forTopic(
                new CastSubmitted(ballot.id(), forged.token().encoded(), forged.credential().prefix(),
                        forged.credential().signature(), List.of("Bo Diddley")), CANDIDATES));
        Voter inClear = ballot.voter();
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, json.writeValueAsString(
                new CastSubmitted(ballot.id(), inClear.token().encoded(), inClear.credential().prefix(),
                        inClear.credential().signature(), List.of("Bo Diddley"))));
        Voter late = ballot.voter();
        String tracker = ballot.cast(late, LATE_VOTE).statusCode(202).extract().path("tracker");
        // Held for the next mix or already mixed in: either way its token has voted.
        await().atMost(Duration.ofSeconds(30)).until(() -> taken(ballot, late));
        ballot.cast(late, LATE_VOTE).statusCode(409).body("type", containsString("credential-used"));
        return tracker;
    }

    /** Whether the voter's token is held for a mix (found by its keyed hash) or on the record. */
    private boolean taken(Ballot ballot, Voter voter) {
        String token = voter.token().encoded();
        return pool.preparedQuery("select (select count(*) from pending_cast where ballot_id = $1 and token_mac = $3) "
                        + "+ (select count(*) from record_entry where ballot_id = $1 and token = $2)")
                .execute(Tuple.of(ballot.id(), token, Buffer.buffer(seal.tokenMac(ballot.id(), token))))
                .await().indefinitely().iterator().next().getLong(0) > 0;
    }

    /** A credential from a key that is not the ballot's. */
    private static Voter forged(Ballot ballot) {
        return new Ballot(ballot.id(), BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED,
                TallyPlatform.RANDOM)).voter();
    }

    static String base(Ballot ballot) {
        return "/api/tally/public/ballots/" + ballot.id();
    }

    @Test
    void anomalyFlagsArePublishedWithTheResultForTheScrutineer() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 7);
        awaitKnown(ballot);
        ballot.cast(ballot.voter(), List.of("Ada Lovelace")).statusCode(202);
        ballot.cast(ballot.voter(), List.of("Bo Diddley")).statusCode(202);
        // one branch's turnout far from the others', and one hour with a hundred times the others' issuances
        Map<String, BallotClosed.BranchTurnout> turnout = Map.of(
                "North", new BallotClosed.BranchTurnout(200, 190),
                "South", new BallotClosed.BranchTurnout(1000, 400),
                "East", new BallotClosed.BranchTurnout(1000, 410));
        Map<String, Long> hours = new LinkedHashMap<>();
        for (int h = 10; h < 20; h++) {
            hours.put("2026-12-03T" + h, 2L);
        }
        hours.put("2026-12-03T15", 200L);
        platform.close(ballot, 2, turnout, hours);
        JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        assertEquals(List.of("branch-turnout", "issuance-burst"), result.getList("anomalies.kind"));
        assertEquals(List.of("North", "2026-12-03T15"), result.getList("anomalies.subject"));
        // flags never change the count
        assertEquals(2, result.getInt("votes"));
    }

    static void awaitKnown(Ballot ballot) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(base(ballot) + "/result").then().statusCode(409));
    }

    static JsonPath awaitEntry(Ballot ballot, String tracker) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get(base(ballot) + "/entries/" + tracker).then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    /** The alternative vote counted by hand: withdrawn out first, then exclude the lowest until a majority. */
    record IndependentCount(String winner, Map<String, Long> firstPreferences) {
        static IndependentCount of(List<List<String>> votes, List<String> candidates, List<String> withdrawn) {
            List<String> continuing = new ArrayList<>(candidates);
            continuing.removeAll(withdrawn);
            Map<String, Long> first = null;
            while (true) {
                Map<String, Long> tally = new LinkedHashMap<>();
                continuing.forEach(c -> tally.put(c, 0L));
                long active = 0;
                for (List<String> vote : votes) {
                    for (String name : vote) {
                        if (continuing.contains(name)) {
                            tally.merge(name, 1L, Long::sum);
                            active++;
                            break;
                        }
                    }
                }
                if (first == null) {
                    first = Map.copyOf(tally);
                }
                for (Map.Entry<String, Long> e : tally.entrySet()) {
                    if (e.getValue() * 2 > active) {
                        return new IndependentCount(e.getKey(), first);
                    }
                }
                assertEquals(tally.size(), Set.copyOf(tally.values()).size(), "the test's votes must not tie");
                continuing.remove(Collections.min(tally.entrySet(), Map.Entry.comparingByValue()).getKey());
            }
        }
    }
}
