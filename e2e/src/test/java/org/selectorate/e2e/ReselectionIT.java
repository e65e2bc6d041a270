package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.Reselection;
import org.selectorate.devstack.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sitting MP's trigger ballot on the real platform, in the reselection scenario's constituency (NW-002, whose five
 * affiliates each have two officers among the realm's demo users): a trigger either side of each rule preset's
 * threshold, with a branch meeting's secret yes/no vote and the affiliates' returns; attendance against the branch's
 * roll; a return counted only once confirmed; a late return; a meeting held shut by a committee member never told.
 */
@ExtendWith(RunningPlatform.class)
class ReselectionIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry");
    private static final int MEMBERS = 40;
    private static final long SEED = 13;
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private static Api api;
    private static String admin;
    private static Mailbox mailbox;
    private static DemoSelection demo;
    private static Reselection steps;

    @BeforeAll
    static void affiliates() {
        Stack stack = RunningPlatform.devstack().stack();
        api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        admin = api.token("hq", "hq-demo");
        mailbox = new Mailbox(stack.mailApiUrl());
        demo = new DemoSelection(api, mailbox, admin, System.out::println);
        steps = new Reselection(api, mailbox, admin);
        steps.ensureAffiliates();
    }

    @Test
    void underThe2018RuleAThirdOfAffiliatesTriggersAndAReturnAwaitingConfirmationIsNotCounted() {
        // Two of five affiliates for a contest reach one third (2 of 5); the branch votes against.
        JsonNode passes = trigger("2018", 1, 2, returns("yes", "yes", "no", "no", "no"), null);
        assertTrue(passes.path("triggered").asBoolean(), passes.toString());
        assertCollege(passes, "affiliates", 5, 5, 2, true);
        assertUnit(passes, "NW-002-UNISON", "yes");

        // One confirmed yes of four that voted is short of one third (2 of 4); SERA's yes, entered by one officer and
        // never confirmed, would have made it 2 of 5 and triggered.
        Map<String, String> confirmed = returns("yes", "no", "no", "no", null);
        JsonNode fails = trigger("2018", 1, 2, confirmed, "NW-002-SERA");
        assertFalse(fails.path("triggered").asBoolean(), fails.toString());
        assertCollege(fails, "affiliates", 5, 4, 1, false);
        assertUnit(fails, "NW-002-SERA", null);
    }

    @Test
    void underThe2021RuleHalfTheBranchesOrAffiliatesThatVotedTrigger() {
        // Three of five affiliates reach one half (3 of 5); the branch's meeting votes for a contest too.
        JsonNode passes = trigger("2021", 2, 1, returns("yes", "yes", "yes", "no", "no"), null);
        assertTrue(passes.path("triggered").asBoolean(), passes.toString());
        assertCollege(passes, "affiliates", 5, 5, 3, true);
        assertCollege(passes, "branches", 8, 1, 1, true);

        // Two of five would have triggered under 2018, not under 2021; the branch votes against.
        JsonNode fails = trigger("2021", 1, 2, returns("yes", "yes", "no", "no", "no"), null);
        assertFalse(fails.path("triggered").asBoolean(), fails.toString());
        assertCollege(fails, "affiliates", 5, 5, 2, false);
        assertCollege(fails, "branches", 8, 1, 0, false);
    }

    @Test
    void aMemberAttendsOnceAndOnlyTheirOwnBranchsMeetingAndALateReturnIsRefused() {
        DemoSelection.Prepared selection = prepare("2021", List.of());
        String id = selection.selectionId();
        steps.openStep(id, Reselection.TRIGGER, Instant.now().plusSeconds(8));
        Instant deadline = Instant.now().plusSeconds(8);
        String branch = busiestBranch(selection.members());
        String meeting = steps.scheduleMeeting(id, branch, Reselection.TRIGGER, "Trigger ballot meeting");
        steps.startWhenTold(id, meeting);

        Members.Member member = Reselection.ofBranch(selection.members(), branch).get(0);
        Api.Reply first = steps.attend(id, meeting, member.number());
        assertEquals(200, first.status(), first.body());
        refused(steps.attend(id, meeting, member.number()), "already-attending");
        Members.Member elsewhere = selection.members().eligible().stream().filter(m -> !m.branch().equals(branch))
                .findFirst().orElseThrow();
        refused(steps.attend(id, meeting, elsewhere.number()), "other-branch");
        Members.Member offTheRoll = selection.members().all().stream().filter(m -> !m.eligible()).findFirst().orElseThrow();
        refused(steps.attend(id, meeting, offTheRoll.number()), "not-on-roll");
        refused(steps.attend(id, meeting, Reselection.CONSTITUENCY + "-999999"), "not-on-roll");
        assertEquals(1, api.get(admin, "/api/ballots/selections/" + id + "/meetings/" + meeting + "/attendance")
                .expect(200).json().path("attending").asLong(), "the refused registrations registered nobody");

        while (!Instant.now().isAfter(deadline.plusSeconds(1))) {
            Api.sleep(250);
        }
        Reselection.Affiliate unison = Reselection.AFFILIATES.get(0);
        refused(steps.enter(unison.chair(), id, Reselection.TRIGGER, unison.code(), "yes"), "returns-closed");
        JsonNode seenByOfficer = api.get(steps.token(unison.chair()), "/api/ballots/selections/" + id + "/steps/"
                + Reselection.TRIGGER + "/returns").expect(200).json();
        assertEquals(0, seenByOfficer.size(), "the late return was not recorded, not even as pending: " + seenByOfficer);
    }

    @Test
    void aCommitteeMemberWhoWasNotSentTheMeetingsNoticeBlocksItsVote() {
        List<DemoSelection.Seat> committee = List.of(
                new DemoSelection.Seat("Morgan Hale", "procedures-secretary", "secretary@committee.nw-002.selectorate.test"),
                new DemoSelection.Seat("Tom Gallagher", "union-representative", "tom.gallagher@union.invalid"));
        DemoSelection.Prepared selection = prepare("2021", committee);
        String id = selection.selectionId();
        steps.openStep(id, Reselection.TRIGGER, Instant.now().plus(Duration.ofHours(1)));
        String branch = busiestBranch(selection.members());
        String meeting = steps.scheduleMeeting(id, branch, Reselection.TRIGGER, "Trigger ballot meeting");

        // Once the secretary's notice is delivered, only the representative whose address fails is missing.
        Api.Reply blocked = api.until(() -> {
            Api.Reply r = steps.start(id, meeting);
            return r.status() == 409 && r.body().contains("Morgan Hale") ? new Api.Reply(425, r.body()) : r;
        }, Set.of(425), EVENTUAL);
        refused(blocked, "committee-not-told");
        assertTrue(blocked.body().contains("Tom Gallagher"), blocked.body());

        Members.Member member = Reselection.ofBranch(selection.members(), branch).get(0);
        refused(steps.attend(id, meeting, member.number()), "meeting-not-started");
        refused(steps.openVote(id, meeting, "Do you wish a selection to be held?", "yes-no", null), "meeting-not-started");
        JsonNode votes = steps.votes(id, meeting);
        assertEquals(0, votes.size(), "no vote opened: " + votes);
        assertEquals("scheduled", api.get(admin, "/api/ballots/selections/" + id + "/meetings/" + meeting)
                .expect(200).json().path("status").asText());
    }

    /**
     * A selection with a trigger ballot under {@code preset}: the busiest branch meets and votes {@code yes} to
     * {@code no} in secret; each affiliate with a vote in {@code confirmed} returns it (its chair enters, its secretary
     * confirms); {@code pending}'s chair enters yes and nobody confirms. Returns the published outcome.
     */
    private JsonNode trigger(String preset, int yes, int no, Map<String, String> confirmed, String pending) {
        DemoSelection.Prepared selection = prepare(preset, List.of());
        String id = selection.selectionId();
        steps.openStep(id, Reselection.TRIGGER, Instant.now().plus(Duration.ofHours(1)));
        String branch = busiestBranch(selection.members());
        String meeting = steps.scheduleMeeting(id, branch, Reselection.TRIGGER, "Trigger ballot meeting");
        steps.startWhenTold(id, meeting);
        List<Members.Member> attendees = Reselection.ofBranch(selection.members(), branch).subList(0, yes + no);
        for (Members.Member m : attendees) {
            assertEquals(200, steps.attend(id, meeting, m.number()).status());
        }
        String ballot = steps.openVote(id, meeting, "Do you wish a selection to be held?", "yes-no", null)
                .expect(201).json().path("id").asText();
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < yes + no; i++) {
            marks.add(i < yes ? "Yes" : "No");
        }
        steps.vote(ballot, attendees, marks, 4);
        steps.closeVote(id, meeting, ballot);
        assertEquals(yes > no ? "yes" : "no", steps.result(id, meeting, ballot).path("outcome").asText(),
                "the meeting's vote decided by majority");

        confirmed.forEach((affiliate, vote) -> steps.confirmedReturn(affiliate(affiliate), id, Reselection.TRIGGER, vote));
        if (pending != null) {
            Api.Reply entered = steps.enter(affiliate(pending).chair(), id, Reselection.TRIGGER, pending, "yes");
            assertEquals("pending", entered.expect(200, 201).json().path("status").asText());
            JsonNode counted = steps.returns(id, Reselection.TRIGGER);
            assertEquals(confirmed.size(), counted.size(), "only confirmed returns are shown as counted: " + counted);
        }
        steps.closeStep(id, Reselection.TRIGGER);
        JsonNode outcome = Reselection.outcome(api.get(admin, "/api/ballots/selections/" + id + "/steps/"
                + Reselection.TRIGGER).expect(200).json());
        assertEquals(preset, outcome.path("rule").path("preset").asText(), outcome.toString());
        assertUnit(outcome, branch, yes > no ? "yes" : "no");
        return outcome;
    }

    private static DemoSelection.Prepared prepare(String preset, List<DemoSelection.Seat> committee) {
        Map<String, Object> rulebook = new LinkedHashMap<>();
        rulebook.put("steps", "trigger");
        rulebook.put("trigger", Map.of("preset", preset));
        rulebook.put("meetingQuorum", 1);
        return demo.prepare(Reselection.REGION, Reselection.CONSTITUENCY, MEMBERS, CANDIDATES, SEED, committee, rulebook);
    }

    /** The affiliates' votes in the scenario's order (UNISON, GMB, CWU, COOP, SERA); null: no return. */
    private static Map<String, String> returns(String... votes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < votes.length; i++) {
            if (votes[i] != null) {
                m.put(Reselection.AFFILIATES.get(i).code(), votes[i]);
            }
        }
        return m;
    }

    private static Reselection.Affiliate affiliate(String code) {
        return Reselection.AFFILIATES.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    private static String busiestBranch(Members members) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        members.eligible().forEach(m -> sizes.merge(m.branch(), 1, Integer::sum));
        return sizes.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow().getKey();
    }

    private static void assertCollege(JsonNode outcome, String college, int units, int voted, int forContest, boolean met) {
        for (JsonNode c : outcome.path("colleges")) {
            if (c.path("college").asText().equals(college)) {
                assertEquals(units, c.path("units").asInt(), c.toString());
                assertEquals(voted, c.path("voted").asInt(), c.toString());
                assertEquals(forContest, c.path("forContest").size(), c.toString());
                assertEquals(met, c.path("met").asBoolean(), c.toString());
                return;
            }
        }
        throw new AssertionError("no college " + college + " in " + outcome);
    }

    /** The unit's vote as published: {@code yes}, {@code no}, or null for a unit that did not vote. */
    private static void assertUnit(JsonNode outcome, String unit, String vote) {
        for (JsonNode u : outcome.path("units")) {
            if (u.path("unit").asText().equals(unit)) {
                assertEquals(vote != null, u.path("voted").asBoolean(), u.toString());
                assertEquals(vote, u.path("vote").isNull() ? null : u.path("vote").asText(), u.toString());
                return;
            }
        }
        throw new AssertionError("no unit " + unit + " in " + outcome);
    }

    private static void refused(Api.Reply reply, String type) {
        assertEquals(409, reply.status(), reply.body());
        assertEquals(type, Reselection.problem(reply), reply.body());
        assertTrue(reply.body().contains("\"detail\""), "a refusal explains itself: " + reply.body());
    }
}
