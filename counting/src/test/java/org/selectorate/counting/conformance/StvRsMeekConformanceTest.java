package org.selectorate.counting.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.blt.BltFile;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.meek.MeekRules;
import org.selectorate.counting.meek.MeekStep;
import org.selectorate.counting.meek.MeekStv;
import org.selectorate.counting.meek.MeekStv.Status;

/**
 * Every stv-rs Meek transcript in 9-decimal fixed point whose ballots are in the oracle data: the
 * count is written out in stv-rs's transcript format and must equal it line for line, from
 * "Begin Count" to "Count Complete" (every action, every candidate's status and votes, quota,
 * votes, residual, total and surplus).
 */
class StvRsMeekConformanceTest {

    static Stream<String> cases() {
        return Oracles.tsv("stv-rs/INDEX.tsv").stream()
                .map(r -> r.get(0))
                .filter(t -> t.endsWith("fixed9.log"))
                .filter(t -> StvRsMeekConformanceTest.class.getResource("/oracles/stv-rs/meek/" + t) != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheTranscript(String transcript) {
        String ballots = Oracles.tsv("stv-rs/INDEX.tsv").stream().filter(r -> r.get(0).equals(transcript))
                .findFirst().orElseThrow().get(1)
                // The index names a ballot file stv-rs does not have: this transcript is below_quota.blt
                // counted with --force-positive-surplus (same header, candidates and ballots).
                .replace("force_positive_surplus.blt", "below_quota.blt");
        BltFile blt = BltReader.read(Oracles.text("stv-rs/" + ballots));
        MeekRules rules = MeekRules.defaults().withEqualize(transcript.contains(".equalize."))
                .withForcePositiveSurplus(positiveSurplus(transcript))
                .withDefeatOrder(blt.tieOrder());
        List<String> expected = Oracles.text("stv-rs/meek/" + transcript).lines()
                .dropWhile(l -> !l.equals("Action: Begin Count")).filter(l -> !l.isEmpty()).toList();
        List<String> actual = render(blt.election().candidates(), MeekStv.steps(blt.election(), rules));
        int at = IntStream.range(0, Math.min(expected.size(), actual.size()))
                .filter(i -> !expected.get(i).equals(actual.get(i))).findFirst()
                .orElse(Math.min(expected.size(), actual.size()));
        if (at < Math.max(expected.size(), actual.size())) {
            assertEquals(window(expected, at), window(actual, at), "first difference at transcript line " + at);
        }
    }

    /**
     * The index does not record stv-rs's --force-positive-surplus. Besides the transcript named for
     * it, the crashes/ transcripts show it: where an elected candidate is 10^-9 below the quota they
     * add 0 to the surplus (minimal: 0, not -0.000000001), while negative_surplus/below_quota, run
     * without the flag, adds the -10^-9.
     */
    private static boolean positiveSurplus(String transcript) {
        return transcript.contains("force_positive_surplus") || transcript.startsWith("crashes/");
    }

    private static String window(List<String> lines, int at) {
        return String.join("\n", lines.subList(Math.max(0, at - 12), Math.min(lines.size(), at + 3)));
    }

    /** stv-rs's transcript format (meek.rs write_action / vote_count.rs write_stats). */
    static List<String> render(List<String> names, List<MeekStep> steps) {
        List<String> out = new ArrayList<>();
        int round = 0;
        for (MeekStep s : steps) {
            if (s.round() != round) {
                round = s.round();
                out.add("Round " + round + ":");
            }
            if (s.action().equals("Iterate (stable)")) {
                out.add("\tStable state detected (" + s.surplus() + ")");
            }
            out.add("Action: " + s.action());
            if (!s.action().startsWith("Iterate") && !s.action().startsWith("Break tie")) {
                candidates(names, s, out);
            }
            Fixed votes = s.votes().stream().reduce(Fixed.zero(9), Fixed::plus);
            // stv-rs, like Droop.py, shows no residual at the first count.
            Fixed residual = s.action().equals("Begin Count") ? Fixed.zero(9) : s.exhausted();
            out.add("\tQuota: " + s.quota());
            out.add("\tVotes: " + votes);
            out.add("\tResidual: " + residual);
            out.add("\tTotal: " + votes.plus(residual));
            out.add("\tSurplus: " + s.surplus());
        }
        return out;
    }

    /** Elected, then hopeful, then defeated with votes; defeated at zero share one line. */
    private static void candidates(List<String> names, MeekStep s, List<String> out) {
        List<Integer> sorted = IntStream.range(0, names.size()).boxed().sorted(Comparator.comparingInt(c ->
                switch (s.statuses().get(c)) {
                    case WITHDRAWN, ELECTED -> 0;
                    case HOPEFUL -> 1;
                    case DEFEATED -> s.votes().get(c).isZero() ? 3 : 2;
                })).toList();
        List<String> zero = new ArrayList<>();
        for (int c : sorted) {
            Status st = s.statuses().get(c);
            if (st == Status.DEFEATED && s.votes().get(c).isZero()) {
                zero.add(names.get(c));
            } else if (st != Status.WITHDRAWN) {
                String label = st == Status.ELECTED ? "Elected: " : st == Status.HOPEFUL ? "Hopeful: " : "Defeated:";
                out.add("\t" + label + " " + names.get(c) + " (" + s.votes().get(c) + ")");
            }
        }
        if (!zero.isEmpty()) {
            out.add("\tDefeated: " + String.join(", ", zero) + " (0.000000000)");
        }
    }
}
