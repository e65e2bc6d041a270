package org.selectorate.tally.recount;

import org.junit.jupiter.api.Test;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.tally.count.BallotResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recount is the same only if it elects the same and every stage is the same. */
class RecountComparisonTest {
    private static final RecountOrdered ORDER = new RecountOrdered("b1", "s1", "a1");
    private static final String PUBLISHED = "{\"elected\":[\"Ada\"],\"method\":\"av\",\"stages\":"
            + "[{\"tallies\":{\"Ada\":\"3\",\"Bo\":\"2\"}},{\"tallies\":{\"Ada\":\"4\",\"Bo\":\"2\"}}]}";

    private static BallotResult published() {
        BallotResult r = new BallotResult();
        r.ballotId = "b1";
        r.report = PUBLISHED;
        return r;
    }

    @Test
    void theSameReportIsTheSameResult() {
        Recount r = RecountService.compared(ORDER, published(), PUBLISHED);
        assertTrue(r.sameResult);
        assertEquals(List.of(), r.differenceList());
        assertEquals("a1", r.appealId);
        assertEquals("b1", r.ballotId);
    }

    @Test
    void eachDifferingPartIsNamed() {
        Recount stage = RecountService.compared(ORDER, published(), PUBLISHED.replace("\"4\"", "\"5\""));
        assertFalse(stage.sameResult);
        assertEquals(List.of("stage 2"), stage.differenceList());

        Recount elected = RecountService.compared(ORDER, published(), "{\"elected\":[\"Bo\"],\"method\":\"av\","
                + "\"stages\":[{\"tallies\":{\"Ada\":\"3\",\"Bo\":\"2\"}}]}");
        assertEquals(List.of("elected", "stages"), elected.differenceList());
    }
}
