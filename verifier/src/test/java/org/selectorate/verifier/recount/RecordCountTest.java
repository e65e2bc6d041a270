package org.selectorate.verifier.recount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.CountOptions;
import org.selectorate.counting.Counter;
import org.selectorate.counting.Method;
import org.selectorate.counting.anomaly.AnomalyFlag;
import org.selectorate.counting.anomaly.Turnout;
import org.selectorate.counting.blt.BltFile;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.Stage;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.check.CheckResult;

/**
 * A record of every method: stv-rs's "vegetables" ballots (test resource, Apache-2.0, licence beside it) cast
 * online, by post and in person, counted at close, written and read back, recounted, and exported as BLT that
 * the command line's counter counts the same way.
 */
class RecordCountTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> VEGETABLES = List.of("Apple", "Banana", "Cherry", "Date", "Eggplant", "Fig",
            "Grape", "Hazelnut", "Jalapeno");
    private static final BallotInfo BALLOT = new BallotInfo("2026-national-executive", "Vegetable contest",
            VEGETABLES, List.of("Banana", "Fig"));
    private static BlindSigningKey issuer;
    private static BltFile vegetables;

    @BeforeAll
    static void keysAndBallots() throws Exception {
        issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        try (var in = RecordCountTest.class.getResourceAsStream("/stv-rs/vegetables.blt")) {
            vegetables = BltReader.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static Stream<Arguments> methods() {
        List<String> paperOrderReversed = new ArrayList<>(VEGETABLES);
        java.util.Collections.reverse(paperOrderReversed);
        return Stream.of(
                // By hand: Apple, Date, Cherry, Hazelnut and Eggplant go; Jalapeno has 17 of 30.
                Arguments.of(CountRules.alternativeVote(5), List.of("Jalapeno")),
                Arguments.of(new CountRules("av", 1, "order", 0, VEGETABLES, true, "last-two"), List.of("Jalapeno")),
                Arguments.of(CountRules.singleTransferableVote("stv-scottish", 4, 5),
                        List.of("Grape", "Jalapeno", "Hazelnut", "Eggplant")),
                Arguments.of(CountRules.singleTransferableVote("stv-ers97", 4, 5),
                        List.of("Grape", "Jalapeno", "Hazelnut", "Eggplant")),
                // stv-rs's transcript meek/vegetables.fixed9.log elects these four; its ties go in
                // ballot-paper order (the first defeated first), that is this precedence reversed.
                Arguments.of(new CountRules("stv-meek", 4, "order", 0, paperOrderReversed, false, "seats-filled"),
                        List.of("Grape", "Eggplant", "Hazelnut", "Jalapeno")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aRecordOfEachMethodRoundTripsRecountsAndExports(CountRules rules, List<String> elected) {
        RecordDocument doc = RecordCodec.read(RecordCodec.write(record(rules)));
        assertEquals(rules, doc.header().count());

        CountReport recount = RecordCount.count(doc.header(), doc.entries());
        assertEquals(elected.stream().sorted().toList(), recount.elected().stream().sorted().toList());
        assertEquals(RecordCount.resultValue(recount), doc.result());
        VerificationReport report = RecordVerifier.verify(doc);
        CheckResult check = report.checks().stream().filter(c -> c.name().equals("recount")).findFirst().orElseThrow();
        assertTrue(check.passed(), report.format());

        // The export, counted as `selectorate count FILE --method M --seed S` counts it.
        BltFile exported = BltReader.read(RecordCount.blt(doc.header(), doc.entries()));
        assertEquals(rules.seats(), exported.election().seats());
        Method method = Method.of(rules.method());
        TieBreak.Mode mode = method == Method.STV_SCOTTISH || method == Method.AV
                ? TieBreak.Mode.valueOf(rules.tieBreak().toUpperCase()) : null;
        // The command line's AV always stops at a majority.
        if (!"last-two".equals(rules.finish())) {
            CountReport cli = Counter.count(method, exported.election(),
                    new CountOptions(0, mode, rules.seed(), RankRules.DEFAULT, rules.bulkExclusion(), 6),
                    exported.tieOrder());
            assertEquals(cli.elected(), recount.elected());
            assertEquals(cli.stages().size(), recount.stages().size());
            for (int i = 0; i < cli.stages().size(); i++) {
                Stage c = cli.stages().get(i);
                Stage r = recount.stages().get(i);
                assertEquals(List.of(c.tallies(), c.inactive(), c.elected(), c.excluded()),
                        List.of(r.tallies(), r.inactive(), r.elected(), r.excluded()), "stage " + (i + 1));
            }
        }
    }

    @Test
    void everyStageIsSplitByChannelAndAChangedChannelFigureFailsTheRecount() {
        RecordDocument doc = record(CountRules.singleTransferableVote("stv-scottish", 4, 5));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) doc.result().get("stages");
        for (Map<String, Object> stage : stages) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Map<String, String>>> channels =
                    (Map<String, Map<String, Map<String, String>>>) stage.get("channels");
            assertEquals(List.of("in-person", "online", "postal"), List.copyOf(channels.keySet()));
            @SuppressWarnings("unchecked")
            Map<String, String> tallies = (Map<String, String>) stage.get("tallies");
            tallies.forEach((candidate, votes) -> assertEquals(new BigDecimal(votes), channels.values().stream()
                    .map(ch -> new BigDecimal(ch.get("tallies").get(candidate)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add), candidate));
        }
        // First preferences by channel: Jalapeno's 9 papers went online, by post, in person in turn.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, String>>> first =
                (Map<String, Map<String, Map<String, String>>>) stages.get(0).get("channels");
        assertEquals(List.of("3.00000", "3.00000", "3.00000"), Stream.of("in-person", "online", "postal")
                .map(ch -> first.get(ch).get("tallies").get("Jalapeno")).toList());

        Map<String, Object> result = copy(doc.result());
        @SuppressWarnings("unchecked")
        Map<String, Object> stage1 = ((List<Map<String, Object>>) result.get("stages")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, String>>> channels =
                (Map<String, Map<String, Map<String, String>>>) stage1.get("channels");
        channels.get("postal").get("tallies").put("Jalapeno", "4.00000");
        channels.get("online").get("tallies").put("Jalapeno", "2.00000");
        RecordDocument tampered = new RecordDocument(doc.header(), doc.entries(), doc.treeHeads(),
                doc.markedRegister(), result);
        VerificationReport report = RecordVerifier.verify(tampered);
        assertFalse(report.passed());
        assertTrue(report.format().contains("stage 1 channels"), report.format());
    }

    @Test
    void anomalyFlagsReadTheEntriesFirstPreferencesByChannel() {
        RecordDocument doc = record(CountRules.alternativeVote(5));
        RecordCount.Tally tally = new RecordCount.Tally(doc.header());
        doc.entries().forEach(tally::add);
        Map<String, Map<String, Long>> first = tally.firstPreferences();
        // Banana's two papers go to Cherry, Fig's six to Grape: withdrawn before the first stage.
        assertEquals(Map.of("Apple", 1L, "Cherry", 1L, "Date", 2L, "Eggplant", 1L, "Grape", 5L, "Hazelnut", 2L,
                "Jalapeno", 3L), first.get("online"));
        assertEquals(Map.of("Apple", 0L, "Cherry", 2L, "Date", 1L, "Eggplant", 2L, "Grape", 4L, "Hazelnut", 3L,
                "Jalapeno", 3L), first.get("postal"));
        assertEquals(45, first.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum());
        List<AnomalyFlag> flags = RecordCount.anomalies(tally,
                Map.of("Bow", new Turnout(200, 100), "Clapton", new Turnout(200, 180)), Map.of("2026-12-03T10", 45L));
        assertEquals(List.of(AnomalyFlag.BRANCH_TURNOUT, AnomalyFlag.BRANCH_TURNOUT),
                flags.stream().map(AnomalyFlag::kind).toList());
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T json) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (json instanceof List<?> l) {
            return (T) new ArrayList<>(l.stream().map(RecordCountTest::copy).toList());
        }
        return json;
    }

    /** The vegetables ballots, paper by paper online, by post and in person in turn, counted at close. */
    private static RecordDocument record(CountRules rules) {
        TreeHeadSigner signer = TreeHeadSigner.generate(RANDOM);
        PublicRecord record = PublicRecord.open(BALLOT, Map.of("edition", "2026"), rules, issuer.publicKey(), signer);
        Map<Channel, Long> marked = new EnumMap<>(Channel.class);
        Channel[] turn = {Channel.ONLINE, Channel.POSTAL, Channel.IN_PERSON};
        int paper = 0;
        for (var ballot : vegetables.election().ballots()) {
            List<String> vote = new ArrayList<>();
            for (int r = 0; r < ballot.rankCount(); r++) {
                vote.add(VEGETABLES.get(ballot.mark(r, 0)));
            }
            for (long i = 0; i < ballot.count(); i++, paper++) {
                Channel channel = turn[paper % 3];
                if (channel == Channel.ONLINE) {
                    Token token = Token.random(RANDOM);
                    BlindingSession session = issuer.publicKey().blind(CredentialMessage.of(BALLOT.id(), token),
                            RANDOM);
                    record.appendOnline(vote, token, session.finish(issuer.blindSign(session.blindedMessage())));
                } else {
                    record.appendPaper(channel, vote, new PaperRef(channel.id() + "-1", paper + 1));
                }
                marked.merge(channel, 1L, Long::sum);
            }
        }
        record.signTreeHead(Instant.parse("2026-12-03T21:00:00Z"));
        RecordDocument draft = record.document(marked, null);
        return record.document(marked, RecordCount.resultValue(RecordCount.count(draft.header(), draft.entries())));
    }
}
