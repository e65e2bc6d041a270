package org.selectorate.counting.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.Inactive;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.Stage;
import org.selectorate.counting.tie.TieBreak;

/** One CA-SB1288 JSON test case, read and checked against a report. */
record CaSb1288Case(String file, Map<String, Object> spec) {

    static CaSb1288Case load(String file) {
        return new CaSb1288Case(file, Oracles.json("ca-sb1288/resolved/" + file));
    }

    /** A list written as one string uses its first character as the delimiter. */
    @SuppressWarnings("unchecked")
    static List<String> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<String>) l;
        }
        String s = (String) value;
        if (s.isEmpty()) {
            return List.of();
        }
        return List.of(s.substring(1).split(java.util.regex.Pattern.quote(s.substring(0, 1)), -1));
    }

    int seats() {
        return ((BigDecimal) spec.get("nbr_seats_to_fill")).intValueExact();
    }

    List<String> candidates() {
        return list(spec.get("candidates"));
    }

    int maxRankings() {
        return ((BigDecimal) spec.get("max_ranking_levels")).intValueExact();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> options() {
        return (Map<String, Object>) spec.get("options");
    }

    /** The tie_breaker lists who is defeated first; our precedence lists who is favoured first. */
    TieBreak tieBreak() {
        List<String> order = new ArrayList<>(list(spec.get("tie_breaker")));
        if (order.isEmpty()) {
            return TieBreak.random(0);
        }
        java.util.Collections.reverse(order);
        return TieBreak.order(order);
    }

    @SuppressWarnings("unchecked")
    Election election() {
        List<String> candidates = candidates();
        List<Ballot> ballots = new ArrayList<>();
        for (List<Object> group : (List<List<Object>>) spec.get("ballots")) {
            List<String> ranking = list(group.get(1));
            int[][] ranks = new int[ranking.size()][];
            for (int r = 0; r < ranking.size(); r++) {
                String code = ranking.get(r);
                ranks[r] = code.isEmpty() ? new int[0]
                        : code.equals("#") ? new int[] {Ballot.UNNAMED_OVERVOTE}
                        : new int[] {indexOf(candidates, code)};
            }
            ballots.add(new Ballot(((BigDecimal) group.get(0)).longValueExact(), ranks));
        }
        return Election.of(file, candidates, seats(), Set.of(), ballots);
    }

    private static int indexOf(List<String> candidates, String name) {
        int i = candidates.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown candidate " + name);
        }
        return i;
    }

    /** Differences between the expected result and the report; empty when they agree. */
    @SuppressWarnings("unchecked")
    List<String> differences(CountReport report) {
        List<String> out = new ArrayList<>();
        List<String> elected = list(spec.get("elected"));
        if (!Set.copyOf(elected).equals(Set.copyOf(report.elected()))) {
            out.add("elected " + elected + " but got " + report.elected());
        }
        Map<String, List<Object>> tally = (Map<String, List<Object>>) spec.get("tally");
        int rounds = tally.get(":Overvotes").size();
        if (rounds != report.stages().size()) {
            out.add(rounds + " rounds expected, got " + report.stages().size());
            return out;
        }
        for (int i = 0; i < rounds; i++) {
            Stage s = report.stages().get(i);
            for (Map.Entry<String, List<Object>> e : tally.entrySet()) {
                String key = e.getKey();
                Fixed got = switch (key) {
                    case ":Overvotes" -> s.inactive().get(Inactive.OVERVOTE.label());
                    case ":Abstentions" -> s.inactive().get(Inactive.ABSTENTION.label())
                            .plus(s.inactive().get(Inactive.BLANK.label()));
                    case ":Other exhausted" -> s.inactive().get(Inactive.EXHAUSTED.label());
                    case ":Residual surplus" -> s.inactive().get("residual surplus");
                    default -> s.tallies().get(key);
                };
                boolean present = i < e.getValue().size();
                if (!present && got != null && !key.startsWith(":")) {
                    out.add("round " + (i + 1) + " " + key + " should not be in the count, has " + got);
                } else if (present && !Oracles.same(e.getValue().get(i), got)) {
                    out.add("round " + (i + 1) + " " + key + ": expected " + e.getValue().get(i)
                            + ", got " + got);
                }
            }
        }
        for (List<Object> status : (List<List<Object>>) spec.get("status_codes")) {
            String name = (String) status.get(0);
            int round = ((BigDecimal) status.get(2)).intValueExact();
            boolean wasElected = report.elected().contains(name);
            if (wasElected != status.get(1).equals("elected")) {
                out.add(name + " should be " + status.get(1));
            }
            int decided = decidedAt(report, name);
            if (decided != round) {
                out.add(name + " " + status.get(1) + " in round " + round + ", got " + decided);
            }
        }
        return out;
    }

    /** The stage at which a candidate was elected or excluded, else the last stage. */
    private static int decidedAt(CountReport report, String name) {
        for (Stage s : report.stages()) {
            if (s.elected().contains(name) || s.excluded().contains(name)) {
                return s.number();
            }
        }
        return report.stages().size();
    }
}
