package org.selectorate.counting.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.Inactive;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.Stage;
import org.selectorate.counting.tie.TieBreak;

/**
 * Every single-winner RCTab case, round by round: tallies, threshold, inactive ballots by reason,
 * eliminations with their transfers, and the winner, with RCTab-compatible options.
 */
class RctabConformanceTest {
    private static final String UWI = "Undeclared Write-ins";

    /** Cases in the index that cannot run here, with the reason (also in the issue note). */
    static final Map<String, String> NOT_RUN = Map.of(
            "2013_minneapolis_mayor", "listed in INDEX.tsv but its data is not in the oracle folder",
            "2017_minneapolis_mayor", "listed in INDEX.tsv but its data is not in the oracle folder",
            "tiebreak_previous_round_counts_then_random_test",
            "RCTab's fallback lot draws from a HashSet-ordered list, which is not reproducible");

    static Stream<String> cases() {
        return Oracles.tsv("rctab/INDEX.tsv").stream()
                .filter(r -> r.get(3).equals("singleWinnerMajority") && !r.get(10).equals("True"))
                .map(r -> r.get(0))
                .filter(c -> !NOT_RUN.containsKey(c));
    }

    @Test
    void everySingleWinnerCaseIsRunOrExplained() {
        long singleWinner = Oracles.tsv("rctab/INDEX.tsv").stream()
                .filter(r -> r.get(3).equals("singleWinnerMajority") && !r.get(10).equals("True"))
                .count();
        assertEquals(singleWinner, cases().count() + NOT_RUN.size());
        assertTrue(cases().count() >= 35, "expected the bulk of the RCTab cases to run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesRctabRoundByRound(String name) {
        Map<String, Object> spec = Oracles.json("rctab/" + name + "/case.json");
        Map<String, Object> rules = (Map<String, Object>) spec.get("rules");
        List<String> candidates = new ArrayList<>((List<String>) spec.get("candidates"));
        boolean uwi = Boolean.TRUE.equals(spec.get("uwi_label_configured"));
        if (uwi) {
            candidates.add(UWI);
        }
        Election election = Election.of(name, candidates, 1,
                Set.copyOf((List<String>) spec.get("excluded_candidates")),
                ballots(name, candidates));
        AvRules av = new AvRules(ranking(rules), tieBreak(rules, candidates),
                Boolean.TRUE.equals(rules.get("batchElimination")), AvRules.Finish.MAJORITY,
                uwi ? UWI : null);
        CountReport report = InstantRunoff.count(election, av);

        String reportFile = ((List<String>) spec.get("expected_reports")).get(0);
        Map<String, Object> expected = Oracles.json("rctab/" + name + "/" + reportFile);
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) expected.get("results");
        assertEquals(rounds.size(), report.stages().size(), "number of rounds");
        for (int i = 0; i < rounds.size(); i++) {
            checkRound(rounds.get(i), report.stages().get(i));
        }
        assertEquals(spec.get("expected_winners_in_order"), report.elected());
    }

    @SuppressWarnings("unchecked")
    private static void checkRound(Map<String, Object> round, Stage stage) {
        String where = "round " + round.get("round");
        Map<String, Object> tally = (Map<String, Object>) round.get("tally");
        assertEquals(new TreeMap<>(tally).keySet(), new TreeMap<>(stage.tallies()).keySet(), where);
        tally.forEach((c, v) -> assertTrue(Oracles.same(v, stage.tallies().get(c)),
                where + " " + c + ": expected " + v + ", got " + stage.tallies().get(c)));
        assertTrue(Oracles.same(round.get("threshold"), stage.threshold()), where + " threshold");
        Map<String, Object> inactive = (Map<String, Object>) round.get("inactiveBallots");
        Map<String, Fixed> got = stage.inactive();
        check(inactive.get("overvotes"), got.get(Inactive.OVERVOTE.label()), where + " overvotes");
        check(inactive.get("skippedRankings"), got.get(Inactive.SKIPPED_RANKS.label()), where + " skipped");
        check(inactive.get("repeatedRankings"), got.get(Inactive.DUPLICATE.label()), where + " repeated");
        check(inactive.get("exhaustedChoices"), got.get(Inactive.EXHAUSTED.label())
                .plus(got.get(Inactive.ABSTENTION.label())), where + " exhausted");

        List<String> eliminated = new ArrayList<>();
        List<String> elected = new ArrayList<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) round.get("tallyResults")) {
            if (result.containsKey("eliminated")) {
                String loser = (String) result.get("eliminated");
                eliminated.add(loser);
                checkTransfers(where + " transfers from " + loser,
                        (Map<String, Object>) result.get("transfers"), stage.transfers().get(loser));
            } else {
                elected.add((String) result.get("elected"));
            }
        }
        Collections.sort(eliminated);
        assertEquals(eliminated, stage.excluded().stream().sorted().toList(), where + " eliminated");
        assertEquals(elected, stage.elected(), where + " elected");
    }

    private static void checkTransfers(String where, Map<String, Object> expected, Map<String, Fixed> got) {
        Map<String, BigDecimal> actual = new TreeMap<>();
        got.forEach((to, v) -> {
            boolean inactive = Stream.of(Inactive.values()).anyMatch(r -> r.label().equals(to));
            actual.merge(inactive ? "exhausted" : to, new BigDecimal(v.toString()), BigDecimal::add);
        });
        actual.values().removeIf(v -> v.signum() == 0);
        Map<String, BigDecimal> wanted = new TreeMap<>();
        expected.forEach((to, v) -> wanted.put(to, new BigDecimal(v.toString())));
        assertEquals(wanted, actual, where);
    }

    private static void check(Object expected, Fixed actual, String where) {
        assertTrue(Oracles.same(expected, actual), where + ": expected " + expected + ", got " + actual);
    }

    private static RankRules ranking(Map<String, Object> rules) {
        RankRules.Overvote overvote = switch ((String) rules.get("overvoteRule")) {
            case "exhaustImmediately" -> RankRules.Overvote.EXHAUST;
            case "alwaysSkipToNextRank" -> RankRules.Overvote.SKIP;
            case "exhaustIfMultipleContinuing" -> RankRules.Overvote.EXHAUST_IF_MULTIPLE;
            default -> throw new IllegalArgumentException("overvote rule " + rules.get("overvoteRule"));
        };
        String skipped = (String) rules.get("maxSkippedRanksAllowed");
        int maxSkipped = skipped.equals("unlimited") ? RankRules.UNLIMITED : Integer.parseInt(skipped);
        RankRules.Duplicates dup = Boolean.TRUE.equals(rules.get("exhaustOnDuplicateCandidate"))
                ? RankRules.Duplicates.EXHAUST : RankRules.Duplicates.SKIP;
        return new RankRules(overvote, maxSkipped, dup, RankRules.UNLIMITED);
    }

    private static TieBreak tieBreak(Map<String, Object> rules, List<String> candidates) {
        String seedText = (String) rules.get("randomSeed");
        long seed = seedText == null || seedText.isEmpty() ? 0 : Long.parseLong(seedText);
        return switch ((String) rules.get("tiebreakMode")) {
            case "random", "stopCountingAndAsk" -> TieBreak.random(seed);
            case "useCandidateOrder" -> TieBreak.order(candidates);
            case "previousRoundCountsThenRandom" -> TieBreak.backwards(seed);
            case "generatePermutation" -> {
                // RCTab sorts the names, then shuffles them with the seeded generator.
                List<String> perm = new ArrayList<>(candidates);
                Collections.sort(perm);
                Collections.shuffle(perm, new Random(seed));
                yield TieBreak.order(perm);
            }
            default -> throw new IllegalArgumentException("tiebreak " + rules.get("tiebreakMode"));
        };
    }

    private static List<Ballot> ballots(String name, List<String> candidates) {
        List<Ballot> out = new ArrayList<>();
        for (List<String> row : Oracles.tsv("rctab/" + name + "/ballots.tsv")) {
            int[][] ranks = new int[row.size() - 1][];
            for (int r = 1; r < row.size(); r++) {
                String cell = row.get(r);
                if (cell.isEmpty()) {
                    ranks[r - 1] = new int[0];
                } else if (cell.equals("#OVERVOTE")) {
                    ranks[r - 1] = new int[] {Ballot.UNNAMED_OVERVOTE};
                } else {
                    ranks[r - 1] = Stream.of(cell.split("\\|", -1))
                            .mapToInt(c -> index(candidates, c.equals("#UWI") ? UWI : c)).toArray();
                }
            }
            out.add(new Ballot(Long.parseLong(row.get(0)), ranks));
        }
        return out;
    }

    private static int index(List<String> candidates, String name) {
        int i = candidates.indexOf(name);
        if (i < 0) {
            fail("ballot names unknown candidate " + name);
        }
        return i;
    }
}
