package org.selectorate.ballot.selection;

import org.junit.jupiter.api.Test;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectionAccessTest {
    private static final Selection NORTHTOWN = selection("R-north", "C-northtown");

    @Test
    void aRegionalAdminChangesSelectionsOfTheirOwnRegionOnly() {
        Caller north = new Caller("ra", "ra", Set.of("regional-admin"), Set.of("R-north"), Set.of(), Set.of());
        Caller south = new Caller("rb", "rb", Set.of("regional-admin"), Set.of("R-south"), Set.of(), Set.of());
        assertSame(NORTHTOWN, SelectionAccess.requireAdmin(NORTHTOWN, north, "selection"));
        assertEquals(404, assertThrows(ProblemException.class,
                () -> SelectionAccess.requireAdmin(NORTHTOWN, south, "selection")).problem().status());
    }

    @Test
    void aCandidateOfTheConstituencyReadsButCannotChange() {
        Caller candidate = new Caller("c", "c", Set.of("candidate"), Set.of(), Set.of("C-northtown"), Set.of());
        assertSame(NORTHTOWN, SelectionAccess.requireInArea(NORTHTOWN, candidate, "selection"));
        assertEquals(403, assertThrows(ProblemException.class,
                () -> SelectionAccess.requireAdmin(NORTHTOWN, candidate, "selection")).problem().status());
    }

    @Test
    void hqSeesEverywhereAndNobodySeesWhatDoesNotExist() {
        Caller hq = new Caller("hq", "hq", Set.of("hq-admin"), Set.of(), Set.of(), Set.of());
        assertSame(NORTHTOWN, SelectionAccess.requireAdmin(NORTHTOWN, hq, "selection"));
        assertEquals(404, assertThrows(ProblemException.class,
                () -> SelectionAccess.requireInArea(null, hq, "selection")).problem().status());
    }

    private static Selection selection(String region, String constituency) {
        Selection s = new Selection();
        s.region = region;
        s.constituency = constituency;
        return s;
    }
}
