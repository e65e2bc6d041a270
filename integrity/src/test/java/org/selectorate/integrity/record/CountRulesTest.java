package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every method counting has for a final ballot, and the combinations that make no sense refused. */
class CountRulesTest {

    @Test
    void eachMethodWithItsUsualRules() {
        assertFalse(CountRules.alternativeVote(1).isStv());
        for (String method : List.of("stv-scottish", "stv-meek", "stv-ers97")) {
            CountRules r = CountRules.singleTransferableVote(method, 5, 42);
            assertTrue(r.isStv());
            assertEquals(5, r.seats());
            assertEquals("seats-filled", r.finish());
        }
        assertEquals("order", CountRules.singleTransferableVote("stv-meek", 3, 0).tieBreak());
        assertEquals("forwards", CountRules.singleTransferableVote("stv-ers97", 3, 0).tieBreak());
        new CountRules("stv-scottish", 1, "order", 0, List.of("B", "A"), false, "seats-filled");
        new CountRules("av", 1, "random", 9, List.of(), true, "last-two");
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertRefused("unsupported count method: fptp (one of av, stv-scottish, stv-meek, stv-ers97)", "fptp", 1,
                "backwards", List.of(), false, "majority");
        assertRefused("the alternative vote fills one seat; use STV for 2", "av", 2, "backwards", List.of(), false,
                "majority");
        assertRefused("unknown finish for av: seats-filled (majority or last-two)", "av", 1, "backwards", List.of(),
                false, "seats-filled");
        assertRefused("stv-scottish needs at least one seat, got 0", "stv-scottish", 0, "forwards", List.of(), false,
                "seats-filled");
        assertRefused("stv-ers97 counts until the seats are filled: its finish is seats-filled, not majority",
                "stv-ers97", 3, "forwards", List.of(), false, "majority");
        assertRefused("bulk exclusion is an option of av only; stv-scottish has its own exclusion rule",
                "stv-scottish", 3, "forwards", List.of(), true, "seats-filled");
        assertRefused("stv-meek breaks ties by a fixed order: its tie-break is 'order', not backwards", "stv-meek",
                3, "backwards", List.of(), false, "seats-filled");
        assertRefused("stv-ers97 breaks ties by its own rule (earliest difference, then a lot): its tie-break is "
                + "'forwards', not random", "stv-ers97", 3, "random", List.of(), false, "seats-filled");
        assertRefused("a precedence list applies to the 'order' tie-break only", "av", 1, "backwards", List.of("A"),
                false, "majority");
        assertRefused("the tie-break precedence names a candidate twice", "stv-meek", 2, "order", List.of("A", "A"),
                false, "seats-filled");
        assertRefused("unknown tie-break: coin", "av", 1, "coin", List.of(), false, "majority");
    }

    private static void assertRefused(String message, String method, int seats, String tieBreak,
            List<String> precedence, boolean bulk, String finish) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CountRules(method, seats, tieBreak, 0, precedence, bulk, finish));
        assertEquals(message, e.getMessage());
    }
}
