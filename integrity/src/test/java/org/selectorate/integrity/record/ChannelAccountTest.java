package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelAccountTest {
    @Test
    void anAccountWhoseReturnsAreAllAccountedForReconciles() {
        ChannelAccount postal = new ChannelAccount(200, 180, Map.of("declaration-missing", 3L, "late", 2L),
                Map.of("unmarked", 1L), 174);
        assertEquals(List.of(), postal.problems());
        assertEquals(5, postal.rejectedTotal());
        assertEquals(1, postal.spoiltTotal());
        assertEquals(20, postal.unreturned());
        assertEquals(List.of(), new ChannelAccount(1212, 1200, Map.of(), Map.of(), 1200).problems());
        assertEquals(List.of(), new ChannelAccount(0, 0, Map.of(), Map.of(), 0).problems());
    }

    @Test
    void moreReturnedThanIssuedIsAProblem() {
        ChannelAccount a = new ChannelAccount(100, 101, Map.of(), Map.of(), 101);
        assertEquals(List.of("101 returned but only 100 issued"), a.problems());
        assertEquals(-1, a.unreturned());
    }

    @Test
    void returnsNotAccountedForAreAProblemEitherWay() {
        assertEquals(List.of("90 returned but 89 rejected, spoilt or counted"),
                new ChannelAccount(100, 90, Map.of("late", 2L), Map.of("unmarked", 1L), 86).problems());
        assertEquals(List.of("90 returned but 91 rejected, spoilt or counted"),
                new ChannelAccount(100, 90, Map.of("late", 2L), Map.of("unmarked", 1L), 88).problems());
    }

    @Test
    void bothProblemsAreNamed() {
        assertEquals(List.of("12 returned but only 10 issued", "12 returned but 11 rejected, spoilt or counted"),
                new ChannelAccount(10, 12, Map.of(), Map.of("identifying-mark", 1L), 10).problems());
    }

    @Test
    void negativeFiguresAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelAccount(-1, 0, Map.of(), Map.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelAccount(1, -1, Map.of(), Map.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelAccount(1, 1, Map.of(), Map.of(), -1));
        assertThrows(IllegalArgumentException.class, () -> new ChannelAccount(1, 1, Map.of("late", -1L), Map.of(),
                2));
        assertThrows(IllegalArgumentException.class, () -> new ChannelAccount(1, 1, Map.of(), Map.of("torn", -1L),
                2));
    }

    @Test
    void reasonsAreKeptInOrderAndCannotBeChangedAfterwards() {
        Map<String, Long> rejected = new LinkedHashMap<>();
        rejected.put("late", 2L);
        rejected.put("declaration-missing", 1L);
        ChannelAccount a = new ChannelAccount(10, 10, rejected, Map.of(), 7);
        rejected.put("voted-online", 5L);
        assertEquals(List.of("declaration-missing", "late"), List.copyOf(a.rejected().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> a.rejected().put("x", 1L));
        assertEquals(List.of(), a.problems());
    }
}
