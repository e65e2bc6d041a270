package org.selectorate.ballot.selection;

import org.selectorate.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rulebook's rules for the final ballot's channels and count.
 *
 * @param postal      members may be issued a postal pack
 * @param inPerson    papers may be issued at a hustings or ballot meeting
 * @param postalMarks {@link #ON_ISSUE} (issuing a pack marks the register) or {@link #ON_RETURN} (the pack's
 *                    accepted declaration does); meaningful only with {@code postal}
 * @param method      counting's {@code Method} label: {@code av}, {@code stv-scottish}, {@code stv-meek},
 *                    {@code stv-ers97}
 * @param seats       1 for {@code av}; the seats an STV count fills
 */
public record BallotRules(boolean postal, boolean inPerson, String postalMarks, String method, int seats) {
    public static final String ON_ISSUE = "on-issue";
    public static final String ON_RETURN = "on-return";
    public static final String AV = "av";
    /** A rulebook that says nothing of channels or count: online only, AV for one seat, as before these rules. */
    public static final BallotRules ONLINE_AV = new BallotRules(false, false, ON_ISSUE, AV, 1);

    /** Whether issuing a postal pack marks the register (else its accepted return does). */
    public boolean marksOnIssue() {
        return ON_ISSUE.equals(postalMarks);
    }

    /** Reads and checks a request's terms; every fault named in one 400, and nothing saved. */
    static BallotRules requested(SelectionRequests.RulebookTerms terms) {
        SelectionRequests.ChannelTerms c = terms == null ? null : terms.channels();
        String method = terms == null || terms.method() == null ? AV : terms.method();
        List<String> errors = new ArrayList<>();
        boolean postal = c != null && Boolean.TRUE.equals(c.postal());
        if (c != null && c.postalMarks() != null && !postal) {
            errors.add("channels.postalMarks: only with postal voting (channels.postal: true)");
        }
        Integer seats = terms == null ? null : terms.seats();
        if (AV.equals(method) && seats != null && seats != 1) {
            errors.add("seats: the alternative vote (av) fills one seat; STV (stv-scottish, stv-meek, stv-ers97) "
                    + "fills several");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the rulebook's ballot rules are not valid", errors);
        }
        return new BallotRules(postal, c != null && Boolean.TRUE.equals(c.inPerson()),
                c == null || c.postalMarks() == null ? ON_ISSUE : c.postalMarks(), method, seats == null ? 1 : seats);
    }

    /** Whether a request gave any of these terms: a rulebook without them stores (and publishes) none. */
    static boolean given(SelectionRequests.RulebookTerms terms) {
        return terms != null && (terms.channels() != null || terms.method() != null || terms.seats() != null);
    }

    void writeTo(Rulebook r) {
        r.channelPostal = postal;
        r.channelInPerson = inPerson;
        r.postalMarks = postal ? postalMarks : null;
        r.countMethod = method;
        r.seats = seats;
    }

    /** The rules a stored rulebook holds; {@link #ONLINE_AV} for one that holds none. */
    static BallotRules stored(Rulebook r) {
        if (r.countMethod == null) {
            return ONLINE_AV;
        }
        return new BallotRules(Boolean.TRUE.equals(r.channelPostal), Boolean.TRUE.equals(r.channelInPerson),
                r.postalMarks == null ? ON_ISSUE : r.postalMarks, r.countMethod, r.seats == null ? 1 : r.seats);
    }

    /** As published in the rulebook's JSON: {@code channels}, {@code method}, {@code seats}. */
    public Map<String, Object> json() {
        Map<String, Object> channels = new LinkedHashMap<>();
        channels.put("online", true);
        channels.put("postal", postal);
        channels.put("inPerson", inPerson);
        if (postal) {
            channels.put("postalMarks", postalMarks);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("method", method);
        m.put("seats", seats);
        return m;
    }
}
