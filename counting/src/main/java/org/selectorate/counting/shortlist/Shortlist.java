package org.selectorate.counting.shortlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules.Combination;

/**
 * Automatic shortlisting: who the rulebook's nomination thresholds put on the shortlist, with the figures
 * that decided it, then any gender-balance rule.
 *
 * <p>A college's threshold is a share of all its units ({@link Fraction#of}: "at least", rounded up) and never
 * less than one nomination, so nobody is shortlisted without being nominated. A gender-balance place goes to
 * the candidate of that gender who did not reach the thresholds with most nominations in all; a tie there is
 * broken by the most nominations in each threshold college in the rulebook's order, then by a lot drawn with
 * the rulebook's seed (counting's {@link TieBreaker}, RCTab's draw over the sorted names).
 */
public final class Shortlist {
    private Shortlist() {
    }

    /**
     * @param unitsPerCollege how many units each college has, nominating or not; every threshold college and
     *                        every college a nomination comes from must be listed
     */
    public static Outcome compute(List<Nominee> nominees, Map<String, Long> unitsPerCollege, ShortlistRules rules) {
        check(nominees, unitsPerCollege, rules);
        // Name order, so the outcome does not depend on the order the nominations were entered in.
        List<Nominee> byName = nominees.stream().sorted(Comparator.comparing(Nominee::name)).toList();
        List<Standing> standings = new ArrayList<>();
        for (Nominee n : byName) {
            List<CollegeFigures> colleges = new ArrayList<>();
            rules.thresholds().forEach((college, share) -> {
                long units = unitsPerCollege.get(college);
                long required = Math.max(1, share.of(units));
                long nominations = n.nominationsFrom(college);
                colleges.add(new CollegeFigures(college, nominations, units, share, required,
                        nominations >= required));
            });
            boolean reached = rules.combination() == Combination.EITHER
                    ? colleges.stream().anyMatch(CollegeFigures::met) : colleges.stream().allMatch(CollegeFigures::met);
            standings.add(new Standing(n.name(), n.gender(), n.nominatedBy().size(), colleges, reached));
        }
        List<String> byThreshold = standings.stream().filter(Standing::reached).map(Standing::candidate).toList();
        List<Addition> added = rules.balance() == null ? List.of() : balance(standings, rules);
        List<String> shortlist = new ArrayList<>(byThreshold);
        added.forEach(a -> shortlist.add(a.candidate()));
        return new Outcome(standings, byThreshold, added, shortlist, explain(standings, added, rules));
    }

    private static void check(List<Nominee> nominees, Map<String, Long> unitsPerCollege, ShortlistRules rules) {
        Set<String> names = new HashSet<>();
        for (Nominee n : nominees) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("candidate " + n.name() + " is listed twice");
            }
        }
        unitsPerCollege.forEach((college, units) -> {
            if (units == null || units < 0) {
                throw new IllegalArgumentException("college " + college + ": a number of units is 0 or more");
            }
        });
        for (String college : rules.thresholds().keySet()) {
            if (!unitsPerCollege.containsKey(college)) {
                throw new IllegalArgumentException("the rules set a threshold for college '" + college
                        + "', whose number of units is not given");
            }
        }
        for (Nominee n : nominees) {
            for (NominatingUnit u : n.nominatedBy()) {
                if (!unitsPerCollege.containsKey(u.college())) {
                    throw new IllegalArgumentException(u.name() + ": college '" + u.college() + "' is unknown");
                }
            }
            unitsPerCollege.forEach((college, units) -> {
                if (n.nominationsFrom(college) > units) {
                    throw new IllegalArgumentException(n.name() + " has more nominations from " + college
                            + " than it has units (" + units + ")");
                }
            });
        }
    }

    private static List<Addition> balance(List<Standing> standings, ShortlistRules rules) {
        GenderBalance rule = rules.balance();
        long have = standings.stream().filter(s -> s.reached() && rule.counts(s.gender())).count();
        List<String> sortedNames = standings.stream().map(Standing::candidate).toList();
        TieBreaker lot = new TieBreaker(TieBreak.random(rules.seed()), sortedNames);
        Set<String> taken = new HashSet<>();
        List<Addition> added = new ArrayList<>();
        while (have + added.size() < rule.atLeast()) {
            List<Standing> pool = standings.stream().filter(s -> !s.reached() && !taken.contains(s.candidate())
                    && s.nominations() > 0 && rule.counts(s.gender())).toList();
            if (pool.isEmpty()) {
                break;
            }
            Addition a = best(pool, sortedNames, lot, rule);
            taken.add(a.candidate());
            added.add(a);
        }
        return added;
    }

    /** The candidate with most nominations in all, then in each threshold college in order, then by lot. */
    private static Addition best(List<Standing> pool, List<String> sortedNames, TieBreaker lot, GenderBalance rule) {
        List<Standing> tied = new ArrayList<>(pool);
        String why = "most nominations (" + narrow(tied, Standing::nominations) + ")";
        for (int c = 0; c < pool.get(0).colleges().size() && tied.size() > 1; c++) {
            int college = c;
            long most = narrow(tied, s -> s.colleges().get(college).nominations());
            why += ", tied, then most from " + pool.get(0).colleges().get(college).college() + " (" + most + ")";
        }
        String lead = "the " + rule.gender() + " not shortlisted by threshold with ";
        if (tied.size() == 1) {
            return new Addition(tied.get(0).candidate(), lead + why);
        }
        TieBreaker.Resolution r = lot.winner(tied.stream().map(s -> sortedNames.indexOf(s.candidate())).toList(),
                List.of());
        return new Addition(sortedNames.get(r.candidate()), lead + why + ", still tied: " + r.explanation());
    }

    /** Keeps those with the highest {@code figure}; returns it. */
    private static long narrow(List<Standing> tied, ToLongFunction<Standing> figure) {
        long most = tied.stream().mapToLong(figure).max().orElseThrow();
        tied.removeIf(s -> figure.applyAsLong(s) < most);
        return most;
    }

    private static String explain(List<Standing> standings, List<Addition> added, ShortlistRules rules) {
        StringBuilder out = new StringBuilder("shortlisted by threshold ("
                + (rules.combination() == Combination.EITHER ? "any college" : "every college")
                + " must reach its threshold): ");
        List<String> reached = standings.stream().filter(Standing::reached).map(Standing::candidate).toList();
        out.append(reached.isEmpty() ? "nobody" : String.join(", ", reached)).append(". ");
        out.append(String.join("; ", standings.stream().map(Standing::summary).toList()));
        if (rules.balance() != null) {
            GenderBalance b = rules.balance();
            out.append(". Gender balance (at least ").append(b.atLeast()).append(' ').append(b.gender()).append("): ");
            if (added.isEmpty()) {
                out.append("met by the thresholds");
            } else {
                out.append(String.join("; ", added.stream().map(a -> "added " + a.candidate() + ", " + a.reason())
                        .toList()));
            }
            long on = standings.stream().filter(s -> s.reached() && b.counts(s.gender())).count() + added.size();
            if (on < b.atLeast()) {
                out.append("; no other nominated ").append(b.gender()).append(" to add (").append(on)
                        .append(" on the shortlist)");
            }
        }
        return out.toString();
    }

    /**
     * One college's figures for one candidate.
     *
     * @param units    the college's units, nominating or not: the base of the share
     * @param required the fewest nominations that reach the threshold (at least one)
     */
    public record CollegeFigures(String college, long nominations, long units, Fraction threshold, long required,
                                 boolean met) {
        String summary() {
            return college + " " + nominations + " of " + units + ", threshold " + threshold + " needs " + required
                    + ": " + (met ? "reached" : "not reached");
        }
    }

    /** A candidate's nominations in all and per threshold college, and whether they reached the thresholds. */
    public record Standing(String candidate, String gender, long nominations, List<CollegeFigures> colleges,
                           boolean reached) {
        public Standing {
            colleges = List.copyOf(colleges);
        }

        String summary() {
            return candidate + " (" + String.join(", ", colleges.stream().map(CollegeFigures::summary).toList())
                    + ")";
        }
    }

    /** A candidate added by the gender-balance rule, and why this one. */
    public record Addition(String candidate, String reason) {
    }

    /**
     * @param standings   every nominee in name order
     * @param byThreshold who reached the thresholds, in name order
     * @param added       who the gender-balance rule added, in the order added
     * @param shortlist   {@code byThreshold} then {@code added}
     */
    public record Outcome(List<Standing> standings, List<String> byThreshold, List<Addition> added,
                          List<String> shortlist, String explanation) {
        public Outcome {
            standings = List.copyOf(standings);
            byThreshold = List.copyOf(byThreshold);
            added = List.copyOf(added);
            shortlist = List.copyOf(shortlist);
        }
    }
}
