package org.selectorate.ballot.selection;

import io.smallrye.mutiny.Uni;
import org.selectorate.ballot.area.KnownAffiliate;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what with a selection and everything under it (ballots, turnout, marked register): the role
 * list of each endpoint says what, the caller's area claims say where.
 */
public final class SelectionAccess {
    public static final Set<String> ADMINS = Set.of(Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN);

    private SelectionAccess() {
    }

    /** Out of area looks the same as absent: a selection's existence is not for other areas to learn. */
    public static Selection requireInArea(Selection selection, Caller caller, String what) {
        if (selection == null || !caller.covers(selection.region, selection.constituency)) {
            throw ProblemException.notFound(what);
        }
        return selection;
    }

    /**
     * For what a constituency's affiliates take part in (the selection, its steps and returns): whoever's area covers
     * it, and an affiliate officer whose token names one of the constituency's {@code affiliates} (officers' tokens
     * carry no area). Anyone else finds nothing, as elsewhere.
     */
    public static Selection requireReachable(Selection selection, Caller caller, List<KnownAffiliate> affiliates,
                                             String what) {
        if (selection == null || !(caller.covers(selection.region, selection.constituency)
                || affiliates.stream().anyMatch(a -> caller.claimsAffiliate(a.code)))) {
            throw ProblemException.notFound(what);
        }
        return selection;
    }

    /** The selection by id, as {@link #requireReachable}: 404 for anyone it does not reach. */
    public static Uni<Selection> reachable(UUID selectionId, Caller caller, KnownUnits units) {
        return Selection.<Selection>findById(selectionId).chain(s -> (s == null ? Uni.createFrom()
                .item(List.<KnownAffiliate>of()) : units.affiliatesOf(s.constituency))
                .map(all -> requireReachable(s, caller, all, "selection " + selectionId)));
    }

    /**
     * For what only the selection's own area may see (the marked register): the caller's region or constituency
     * claims must name it. Unlike {@link #requireInArea}, holding the HQ role is not a reach over every area.
     */
    public static Selection requireOwnArea(Selection selection, Caller caller, String what) {
        if (selection == null || !(caller.regions().contains(selection.region)
                || caller.constituencies().contains(selection.constituency))) {
            throw ProblemException.notFound(what);
        }
        return selection;
    }

    /**
     * Changes need an HQ or regional admin covering the selection. Endpoints that change things admit
     * only admins anyway; this also refuses an admin whose token names other areas.
     */
    public static Selection requireAdmin(Selection selection, Caller caller, String what) {
        requireInArea(selection, caller, what);
        if (!hasAny(caller, ADMINS)) {
            throw ProblemException.forbidden("only an HQ or regional admin may change a selection");
        }
        return selection;
    }

    /** The caller holds at least one of {@code roles}: for endpoints whose audience differs per status. */
    public static boolean hasAny(Caller caller, Set<String> roles) {
        return caller.roles().stream().anyMatch(roles::contains);
    }
}
