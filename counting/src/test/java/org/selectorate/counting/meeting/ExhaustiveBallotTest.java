package org.selectorate.counting.meeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.tie.TieBreak;

class ExhaustiveBallotTest {
    @Test
    void eliminatesTheLowestUntilSomeoneHasAMajorityOfEachFreshVote() {
        ExhaustiveBallot b = ExhaustiveBallot.start(List.of("Ada", "Ben", "Cat"), TieBreak.backwards(1));
        b = b.vote(Map.of("Ada", 20L, "Ben", 15L, "Cat", 10L));
        ExhaustiveBallot.Round first = b.rounds().get(0);
        assertNull(first.selected());
        assertEquals("Cat", first.eliminated());
        assertEquals(23, first.majority());
        assertEquals(List.of("Ada", "Ben"), b.continuing());
        // A fresh vote: Cat's supporters need not split as their papers would have transferred.
        b = b.vote(Map.of("Ada", 21L, "Ben", 23L));
        assertEquals("Ben", b.rounds().get(1).selected());
        assertTrue(b.decided());
        ExhaustiveBallot done = b;
        assertThrows(IllegalStateException.class, () -> done.vote(Map.of("Ben", 1L)));
    }

    @Test
    void aTieForLowestLooksBackToEarlierRounds() {
        ExhaustiveBallot b = ExhaustiveBallot.start(List.of("A", "B", "C", "D"), TieBreak.backwards(1))
                .vote(Map.of("A", 10L, "B", 8L, "C", 7L, "D", 2L))
                .vote(Map.of("A", 10L, "B", 8L, "C", 8L));
        ExhaustiveBallot.Round r = b.rounds().get(1);
        assertEquals("C", r.eliminated());
        assertTrue(r.explanation().contains("stage 1"), r.explanation());
    }

    @Test
    void rejectsVotesForAnEliminatedCandidate() {
        ExhaustiveBallot b = ExhaustiveBallot.start(List.of("A", "B", "C"), TieBreak.backwards(1))
                .vote(Map.of("A", 5L, "B", 4L, "C", 1L));
        assertThrows(IllegalArgumentException.class, () -> b.vote(Map.of("C", 3L)));
    }
}
