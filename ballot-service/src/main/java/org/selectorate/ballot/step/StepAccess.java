package org.selectorate.ballot.step;

import org.selectorate.ballot.area.KnownAffiliate;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.List;

/**
 * Who may reach a selection's returns: whoever's area covers it, and an affiliate officer whose token names one of
 * the constituency's affiliates (officers' tokens carry no area). Anyone else finds nothing there, as elsewhere.
 */
final class StepAccess {
    private StepAccess() {
    }

    static Selection requireReachable(Selection s, Caller caller, List<KnownAffiliate> affiliates, String what) {
        if (s == null || !(caller.covers(s.region, s.constituency)
                || affiliates.stream().anyMatch(a -> caller.claimsAffiliate(a.code)))) {
            throw ProblemException.notFound(what);
        }
        return s;
    }
}
