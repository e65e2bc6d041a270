package org.selectorate.counting.simple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

class YesNoTest {
    @Test
    void abstentionsAreNotVotesCast() {
        YesNo v = new YesNo(10, 9, 50, 0);
        assertTrue(v.carried());
        assertEquals(19, v.votesCast());
        assertTrue(v.explanation().startsWith("carried: yes 10, no 9 of 19 votes cast"), v.explanation());
    }

    @Test
    void aTieIsNotAMajority() {
        YesNo v = new YesNo(7, 7, 0, 0);
        assertFalse(v.carried());
        assertTrue(v.explanation().contains("a tie is not a majority"), v.explanation());
    }

    @Test
    void readsBlankPapersAsAbstentionsAndDoubleMarksAsSpoilt() {
        Election e = Election.of("motion", List.of("Yes", "No"), 1, Set.of(), List.of(
                Ballot.ranking(4, 0), Ballot.ranking(3, 1), new Ballot(2, new int[0][]),
                new Ballot(1, new int[][] {{0, 1}})));
        assertEquals(new YesNo(4, 3, 2, 1), YesNo.of(e));
    }
}
