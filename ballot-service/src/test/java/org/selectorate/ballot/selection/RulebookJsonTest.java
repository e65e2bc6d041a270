package org.selectorate.ballot.selection;

import org.junit.jupiter.api.Test;
import org.selectorate.counting.shortlist.ShortlistRules;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules;
import org.selectorate.support.problem.ProblemException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rulebook as published in a ballot's record. */
class RulebookJsonTest {

    private static Rulebook rulebook() {
        Rulebook r = new Rulebook();
        r.version = 1;
        r.minimumMonths = 6;
        r.arrearsDisqualify = true;
        r.tieBreak = "backwards";
        r.seed = 42;
        r.noticeLeadHours = 48;
        r.mailingQuota = 2;
        r.mailingPeriodDays = 7;
        return r;
    }

    /** Records published before the steps existed carry this text; the same rulebook publishes it still. */
    @Test
    void aRulebookMadeBeforeTheStepsPublishesAsItDid() {
        assertEquals("{\"arrearsDisqualify\":true,\"minimumMonths\":6,\"seed\":42,\"tieBreak\":\"backwards\","
                + "\"version\":1}", rulebook().toJson());
        assertNull(rulebook().stepRules());
    }

    @Test
    void theStepsArePublishedAndReadBackAsCountingsRules() {
        Rulebook r = rulebook();
        StepRules.requested(new SelectionRequests.RulebookTerms(null, null, null, null, null, null, null, "trigger",
                new SelectionRequests.TriggerTerms("2021", null, null, "all-units", null), 15,
                new SelectionRequests.NominationTerms(new SelectionRequests.CollegeShares("1/3", null), null, null,
                        null),
                new SelectionRequests.GenderBalanceTerms(" woman ", 1), null, "lot", null, null, null, null)).writeTo(r);
        assertEquals("{\"arrearsDisqualify\":true,\"genderBalance\":{\"atLeast\":1,\"gender\":\"woman\"},"
                + "\"meetingQuorum\":15,\"meetingTie\":\"lot\",\"minimumMonths\":6,\"minimumPublishedVoters\":10,"
                + "\"nominations\":{\"combination\":\"either\",\"method\":\"exhaustive\",\"thresholds\":"
                + "{\"branches\":\"1/3\"}},\"seed\":42,\"steps\":\"trigger\",\"tieBreak\":\"backwards\","
                + "\"trigger\":{\"base\":\"all-units\",\"combination\":\"either\",\"method\":\"yes-no\","
                + "\"preset\":\"2021\",\"thresholds\":{\"affiliates\":\"1/2\",\"branches\":\"1/2\"}},"
                + "\"version\":1}", r.toJson());

        assertEquals(TriggerRules.preset("2021", TriggerRules.Base.ALL_UNITS), r.stepRules().trigger().rules());
        ShortlistRules shortlist = r.stepRules().shortlistRules(r.seed);
        assertEquals(Map.of("branches", new Fraction(1, 3)), shortlist.thresholds());
        assertEquals("woman", shortlist.balance().gender());
        assertEquals(42, shortlist.seed());
        assertEquals(StepRules.TIE_LOT, r.stepRules().meetingTieRule());
    }

    /** A rulebook stored with steps before the meeting-tie rule existed publishes as it did, and a tie falls. */
    @Test
    void aRulebookStoredBeforeTheMeetingTieRulePublishesWithoutIt() {
        Rulebook r = rulebook();
        StepRules.requested(null).writeTo(r);
        assertEquals(StepRules.TIE_FALLS, r.meetingTie);
        assertTrue(r.toJson().contains("\"meetingTie\":\"falls\""), r.toJson());
        r.meetingTie = null;
        assertFalse(r.toJson().contains("meetingTie"), r.toJson());
        assertEquals(StepRules.TIE_FALLS, r.stepRules().meetingTieRule());
    }

    /** Committee additions are published only when the rulebook allows some: other rulebooks publish as before. */
    @Test
    void committeeAdditionsArePublishedOnlyWhenAllowed() {
        Rulebook r = rulebook();
        StepRules.requested(new SelectionRequests.RulebookTerms(null, null, null, null, null, null, null, null, null,
                null, new SelectionRequests.NominationTerms(new SelectionRequests.CollegeShares(null, "1/2"), "both",
                null, 2), null, null, null, null, null, null, null)).writeTo(r);
        assertEquals(2, r.stepRules().nominations().committeeAdditions());
        assertTrue(r.toJson().contains("\"nominations\":{\"combination\":\"both\",\"committeeAdditions\":2,"
                + "\"method\":\"exhaustive\",\"thresholds\":{\"affiliates\":\"1/2\"}}"), r.toJson());
        // Additions without thresholds mean nothing: the committee then sets the whole shortlist.
        ProblemException refused = assertThrows(ProblemException.class, () -> StepRules.requested(
                new SelectionRequests.RulebookTerms(null, null, null, null, null, null, null, null, null, null,
                        new SelectionRequests.NominationTerms(null, null, null, 1), null, null, null, null, null,
                        null, null)));
        assertTrue(refused.problem().errors().get(0).startsWith("nominations.committeeAdditions"));
    }

    @Test
    void anOpenSelectionWithoutNominationThresholdsShortlistsNobodyAutomatically() {
        Rulebook r = rulebook();
        StepRules.requested(null).writeTo(r);
        assertNull(r.stepRules().trigger());
        assertNull(r.stepRules().shortlistRules(r.seed));
        assertEquals(StepRules.requested(null), r.stepRules());
    }

    /** Channels, method and seats are published only when the rulebook set them; bad combinations are 400s. */
    @Test
    void theBallotRulesArePublishedOnlyWhenSet() {
        Rulebook r = rulebook();
        StepRules.requested(null).writeTo(r);
        String before = r.toJson();
        assertEquals(BallotRules.ONLINE_AV, r.ballotRules());
        assertFalse(before.contains("channels"), before);

        SelectionRequests.RulebookTerms stv = terms(new SelectionRequests.ChannelTerms(true, true, "on-return"),
                "stv-meek", 3);
        BallotRules.requested(stv).writeTo(r);
        assertEquals(new BallotRules(true, true, BallotRules.ON_RETURN, "stv-meek", 3), r.ballotRules());
        assertFalse(r.ballotRules().marksOnIssue());
        assertTrue(r.toJson().contains("\"channels\":{\"inPerson\":true,\"online\":true,\"postal\":true,"
                + "\"postalMarks\":\"on-return\"}"), r.toJson());
        assertTrue(r.toJson().contains("\"method\":\"stv-meek\""), r.toJson());
        assertTrue(r.toJson().contains("\"seats\":3"), r.toJson());

        assertTrue(BallotRules.requested(terms(new SelectionRequests.ChannelTerms(true, null, null), null, null))
                .marksOnIssue());
        ProblemException refused = assertThrows(ProblemException.class, () -> BallotRules.requested(
                terms(new SelectionRequests.ChannelTerms(false, null, "on-return"), "av", 2)));
        assertEquals(2, refused.problem().errors().size(), refused.problem().errors().toString());
        assertTrue(refused.problem().errors().get(0).startsWith("channels.postalMarks"));
        assertTrue(refused.problem().errors().get(1).startsWith("seats"));
    }

    private static SelectionRequests.RulebookTerms terms(SelectionRequests.ChannelTerms channels, String method,
                                                         Integer seats) {
        return new SelectionRequests.RulebookTerms(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, channels, method, seats, null);
    }
}
