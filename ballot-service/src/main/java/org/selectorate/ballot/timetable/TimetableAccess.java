package org.selectorate.ballot.timetable;

import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.Set;

/** The timetable is run by the admins and by the procedures secretary of the selection's area. */
public final class TimetableAccess {
    static final Set<String> ORGANISERS = Set.of(Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY);

    private TimetableAccess() {
    }

    public static Selection requireOrganiser(Selection selection, Caller caller, String what) {
        SelectionAccess.requireInArea(selection, caller, what);
        if (!SelectionAccess.hasAny(caller, ORGANISERS)) {
            throw ProblemException.forbidden("only an admin or the procedures secretary may change the timetable");
        }
        return selection;
    }
}
