package org.selectorate.ballot.selection;

import org.selectorate.counting.shortlist.GenderBalance;
import org.selectorate.counting.shortlist.ShortlistRules;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules;
import org.selectorate.counting.trigger.TriggerRules.Base;
import org.selectorate.counting.trigger.TriggerRules.Combination;
import org.selectorate.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rulebook's rules for the steps before the final ballot, checked with counting's own rules so that what is
 * published is what will be counted.
 *
 * @param steps                  {@code trigger} (a sitting MP's trigger ballot, then nominations if triggered) or
 *                               {@code open} (an open selection: nominations straight away)
 * @param trigger                null for an open selection
 * @param meetingQuorum          members who must attend a meeting before any vote there opens (0: no quorum)
 * @param genderBalance          null when the rulebook has none
 * @param minimumPublishedVoters a meeting ballot with fewer voters is published as totals only
 * @param meetingTie             a tied yes/no vote at a meeting: {@link #TIE_FALLS} (the motion falls: no) or
 *                               {@link #TIE_LOT} (a lot from the rulebook's seed); null on a rulebook stored before
 *                               the rule existed, which is not published and means it falls
 */
public record StepRules(String steps, Trigger trigger, int meetingQuorum, Nominations nominations,
                        GenderBalance genderBalance, int minimumPublishedVoters, String meetingTie) {
    static final String DEFAULT_PRESET = TriggerRules.Preset.LABOUR_2021.ruleName();
    static final int DEFAULT_MINIMUM_PUBLISHED_VOTERS = 10;
    public static final String TIE_FALLS = "falls";
    public static final String TIE_LOT = "lot";

    /** How a tied yes/no vote at a meeting is decided ({@link #TIE_FALLS} unless the rulebook says otherwise). */
    public String meetingTieRule() {
        return meetingTie == null ? TIE_FALLS : meetingTie;
    }

    /**
     * @param preset the preset the thresholds come from, or null when the rulebook set them itself
     * @param method how a branch meeting votes on the trigger: {@code yes-no}
     */
    public record Trigger(String preset, Fraction branches, Fraction affiliates, Combination combination, Base base,
                          String method) {
        /** counting's rules for this trigger. */
        public TriggerRules rules() {
            return new TriggerRules(shares(branches, affiliates), combination, base);
        }
    }

    /**
     * @param branches null (as {@code affiliates}) when that college has no threshold; with neither, nobody is
     *                 shortlisted automatically
     * @param method   how a nomination meeting votes: {@code exhaustive} (repeated rounds, lowest eliminated)
     * @param committeeAdditions how many candidates the procedures committee may add, each co-signed, to a
     *                 shortlist the thresholds set (0: none); only with thresholds
     */
    public record Nominations(Fraction branches, Fraction affiliates, Combination combination, String method,
                              int committeeAdditions) {
        /** Whether the thresholds set the shortlist (else the committee sets it by hand). */
        public boolean automatic() {
            return branches != null || affiliates != null;
        }
    }

    /** Reads and checks the terms a request gave; every fault is named in one 400, and nothing is saved. */
    static StepRules requested(SelectionRequests.RulebookTerms terms) {
        List<String> errors = new ArrayList<>();
        String steps = terms == null || terms.steps() == null ? "open" : terms.steps();
        SelectionRequests.TriggerTerms t = terms == null ? null : terms.trigger();
        Trigger trigger = null;
        if ("open".equals(steps) && t != null) {
            errors.add("trigger: only a selection with a trigger ballot (steps: trigger) has a trigger rule");
        } else if ("trigger".equals(steps)) {
            trigger = trigger(t == null ? new SelectionRequests.TriggerTerms(null, null, null, null, null) : t, errors);
        }
        SelectionRequests.NominationTerms n = terms == null ? null : terms.nominations();
        Nominations nominations = new Nominations(
                fraction("nominations.thresholds.branches", n == null || n.thresholds() == null ? null
                        : n.thresholds().branches(), errors),
                fraction("nominations.thresholds.affiliates", n == null || n.thresholds() == null ? null
                        : n.thresholds().affiliates(), errors),
                combination(n == null ? null : n.combination()),
                n == null || n.method() == null ? "exhaustive" : n.method(),
                n == null || n.committeeAdditions() == null ? 0 : n.committeeAdditions());
        if (nominations.committeeAdditions() > 0 && !nominations.automatic()) {
            errors.add("nominations.committeeAdditions: only with nomination thresholds (without them the committee "
                    + "sets the whole shortlist)");
        }
        SelectionRequests.GenderBalanceTerms g = terms == null ? null : terms.genderBalance();
        GenderBalance balance = g == null ? null : new GenderBalance(g.gender().strip(), g.atLeast());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the rulebook's steps are not valid", errors);
        }
        return new StepRules(steps, trigger,
                terms == null || terms.meetingQuorum() == null ? 0 : terms.meetingQuorum(), nominations, balance,
                terms == null || terms.minimumPublishedVoters() == null
                        ? DEFAULT_MINIMUM_PUBLISHED_VOTERS : terms.minimumPublishedVoters(),
                terms == null || terms.meetingTie() == null ? TIE_FALLS : terms.meetingTie());
    }

    private static Trigger trigger(SelectionRequests.TriggerTerms t, List<String> errors) {
        Base base = t.base() == null ? Base.UNITS_THAT_VOTED : Base.valueOf(constant(t.base()));
        String method = t.method() == null ? "yes-no" : t.method();
        if (t.thresholds() == null) {
            if (t.combination() != null) {
                errors.add("trigger.combination: a preset fixes the combination; give thresholds to set it");
            }
            String preset = t.preset() == null ? DEFAULT_PRESET : t.preset();
            try {
                TriggerRules rules = TriggerRules.preset(preset, base);
                return new Trigger(preset, rules.thresholds().get(TriggerRules.BRANCHES),
                        rules.thresholds().get(TriggerRules.AFFILIATES), rules.combination(), base, method);
            } catch (IllegalArgumentException e) {
                errors.add("trigger.preset: " + e.getMessage());
                return null;
            }
        }
        if (t.preset() != null) {
            errors.add("trigger: give a preset or thresholds, not both");
        }
        Fraction branches = fraction("trigger.thresholds.branches", t.thresholds().branches(), errors);
        Fraction affiliates = fraction("trigger.thresholds.affiliates", t.thresholds().affiliates(), errors);
        if (t.thresholds().branches() == null && t.thresholds().affiliates() == null) {
            errors.add("trigger.thresholds: a share of branches, of affiliates, or both");
        }
        return new Trigger(null, branches, affiliates, combination(t.combination()), base, method);
    }

    private static Fraction fraction(String field, String text, List<String> errors) {
        if (text == null) {
            return null;
        }
        try {
            return Fraction.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(field + ": " + e.getMessage());
            return null;
        }
    }

    private static Combination combination(String text) {
        return text == null ? Combination.EITHER : Combination.valueOf(constant(text));
    }

    /** {@code units-that-voted} to {@code UNITS_THAT_VOTED}: the request's spelling of counting's enums. */
    private static String constant(String text) {
        return text.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Fraction> shares(Fraction branches, Fraction affiliates) {
        Map<String, Fraction> shares = new LinkedHashMap<>();
        if (branches != null) {
            shares.put(TriggerRules.BRANCHES, branches);
        }
        if (affiliates != null) {
            shares.put(TriggerRules.AFFILIATES, affiliates);
        }
        return shares;
    }

    /** counting's rules for automatic shortlisting, with the rulebook's seed for a lot; null without thresholds. */
    public ShortlistRules shortlistRules(long seed) {
        return nominations.automatic() ? new ShortlistRules(shares(nominations.branches, nominations.affiliates),
                nominations.combination, genderBalance, seed) : null;
    }

    void writeTo(Rulebook r) {
        r.steps = steps;
        r.triggerPreset = trigger == null ? null : trigger.preset;
        r.triggerBranches = trigger == null ? null : text(trigger.branches);
        r.triggerAffiliates = trigger == null ? null : text(trigger.affiliates);
        r.triggerCombination = trigger == null ? null : spelling(trigger.combination);
        r.triggerBase = trigger == null ? null : spelling(trigger.base);
        r.triggerMethod = trigger == null ? null : trigger.method;
        r.meetingQuorum = meetingQuorum;
        r.nominationBranches = text(nominations.branches);
        r.nominationAffiliates = text(nominations.affiliates);
        r.nominationCombination = spelling(nominations.combination);
        r.nominationMethod = nominations.method;
        r.nominationCommitteeAdditions = nominations.committeeAdditions == 0 ? null : nominations.committeeAdditions;
        r.genderBalanceGender = genderBalance == null ? null : genderBalance.gender();
        r.genderBalanceAtLeast = genderBalance == null ? null : genderBalance.atLeast();
        r.minimumPublishedVoters = minimumPublishedVoters;
        r.meetingTie = meetingTie;
    }

    /** The rules a stored rulebook holds; null for one made before these steps existed. */
    static StepRules stored(Rulebook r) {
        if (r.steps == null) {
            return null;
        }
        Trigger trigger = r.triggerCombination == null ? null : new Trigger(r.triggerPreset,
                parse(r.triggerBranches), parse(r.triggerAffiliates), combination(r.triggerCombination),
                Base.valueOf(constant(r.triggerBase)), r.triggerMethod);
        return new StepRules(r.steps, trigger, r.meetingQuorum,
                new Nominations(parse(r.nominationBranches), parse(r.nominationAffiliates),
                        combination(r.nominationCombination), r.nominationMethod,
                        r.nominationCommitteeAdditions == null ? 0 : r.nominationCommitteeAdditions),
                r.genderBalanceGender == null ? null : new GenderBalance(r.genderBalanceGender, r.genderBalanceAtLeast),
                r.minimumPublishedVoters, r.meetingTie);
    }

    /** As published in the rulebook's JSON (and shown in the selection's view). */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        Map<String, Object> t = null;
        if (trigger != null) {
            t = new LinkedHashMap<>();
            t.put("preset", trigger.preset);
            t.put("thresholds", shareTexts(trigger.branches, trigger.affiliates));
            t.put("combination", spelling(trigger.combination));
            t.put("base", spelling(trigger.base));
            t.put("method", trigger.method);
        }
        m.put("trigger", t);
        m.put("meetingQuorum", meetingQuorum);
        Map<String, Object> nom = new LinkedHashMap<>();
        nom.put("thresholds", shareTexts(nominations.branches, nominations.affiliates));
        nom.put("combination", spelling(nominations.combination));
        nom.put("method", nominations.method);
        // Only when set: a rulebook without committee additions publishes exactly what it did before they existed.
        if (nominations.committeeAdditions > 0) {
            nom.put("committeeAdditions", nominations.committeeAdditions);
        }
        m.put("nominations", nom);
        Map<String, Object> g = null;
        if (genderBalance != null) {
            g = new LinkedHashMap<>();
            g.put("gender", genderBalance.gender());
            g.put("atLeast", genderBalance.atLeast());
        }
        m.put("genderBalance", g);
        m.put("minimumPublishedVoters", minimumPublishedVoters);
        if (meetingTie != null) {
            m.put("meetingTie", meetingTie);
        }
        return m;
    }

    private static Map<String, Object> shareTexts(Fraction branches, Fraction affiliates) {
        Map<String, Object> out = new LinkedHashMap<>();
        shares(branches, affiliates).forEach((college, share) -> out.put(college, share.toString()));
        return out;
    }

    private static String text(Fraction f) {
        return f == null ? null : f.toString();
    }

    private static Fraction parse(String text) {
        return text == null ? null : Fraction.parse(text);
    }
}
