package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.ballot.MeetingVoteResult;
import org.selectorate.ballot.ballot.MeetingVoteService;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.ballot.selection.StepRules;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.counting.simple.YesNo;
import org.selectorate.counting.trigger.TriggerBallot;
import org.selectorate.counting.trigger.TriggerRules;
import org.selectorate.counting.trigger.Unit;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A selection's steps before the final ballot. Each opens once (with the deadline for affiliates' returns) and closes
 * once, each a {@code TimetableEvent} to every committee member and an entry on the audit log. Nominations follow a
 * trigger ballot only once it has closed triggered. Closing the trigger step counts it with counting's
 * {@link TriggerBallot} over the units' results, and keeps the outcome as published; closing nominations counts
 * every candidate's nominations ({@link NominationService}) and, under a rulebook with thresholds, sets the shortlist.
 */
@ApplicationScoped
public class StepService {
    static final String YES = "yes";
    static final String NO = "no";

    private final KnownUnits units;
    private final MeetingVoteService meetingVotes;
    private final NominationService nominations;
    private final Outbox outbox;
    private final AuditTrail audit;

    public StepService(KnownUnits units, MeetingVoteService meetingVotes, NominationService nominations, Outbox outbox,
                       AuditTrail audit) {
        this.units = units;
        this.meetingVotes = meetingVotes;
        this.nominations = nominations;
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<StepViews.Step> open(UUID selectionId, String step, Instant returnsDeadline, Caller caller) {
        String name = StepViews.stepName(step);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant deadline = returnsDeadline.truncatedTo(ChronoUnit.SECONDS);
        if (!deadline.isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.badRequest("the step cannot open",
                    List.of("returnsDeadline: must be in the future")));
        }
        return administered(selectionId, caller).chain(s -> Rulebook.current(s)
                .call(r -> mayOpen(s, r, name))
                .chain(() -> SelectionStep.find(s.id, name))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("step-opened", "the " + name + " step has already been "
                                + "opened; a step opens once");
                    }
                    SelectionStep st = new SelectionStep();
                    st.id = UUID.randomUUID();
                    st.selectionId = s.id;
                    st.step = name;
                    st.returnsDeadline = deadline;
                    st.openedAt = now;
                    st.openedBy = caller.name();
                    return st.<SelectionStep>persist()
                            .call(() -> emit(s, SelectionStep.TRIGGER.equals(name) ? TimetableEvent.TRIGGER_OPENED
                                    : TimetableEvent.NOMINATIONS_OPENED, now, title(name) + " opened: " + s.title
                                    + "; affiliates' returns by " + deadline))
                            .call(() -> record(s, "step.open", st, null, Map.of("openedAt", now.toString(),
                                    "returnsDeadline", deadline.toString())));
                }))
                .map(StepViews.Step::of);
    }

    @WithTransaction
    public Uni<StepViews.Step> close(UUID selectionId, String step, Caller caller) {
        String name = StepViews.stepName(step);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return administered(selectionId, caller).chain(s -> SelectionStep.lock(s.id, name).chain(st -> {
            if (st == null || !st.open()) {
                throw ProblemException.conflict("step-not-open", "the " + name + " step "
                        + (st == null ? "has not been opened" : "is already closed"));
            }
            // The step's meeting votes are released with it (409 while one is still open: the step is not over).
            Uni<String> outcome = meetingVotes.release(s, name, now).chain(() -> SelectionStep.TRIGGER.equals(name)
                    ? triggerOutcome(s, st) : nominations.outcome(s, st));
            return outcome.chain(o -> {
                st.outcome = o;
                st.closedAt = now;
                st.closedBy = caller.name();
                boolean trigger = SelectionStep.TRIGGER.equals(name);
                String summary = title(name) + " closed: " + s.title + (!trigger ? ""
                        : triggered(o) ? " (triggered: a selection will proceed)" : " (not triggered)");
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("openedAt", st.openedAt.toString());
                after.put("closedAt", now.toString());
                if (trigger) {
                    after.put("triggered", triggered(o));
                }
                return emit(s, SelectionStep.TRIGGER.equals(name) ? TimetableEvent.TRIGGER_CLOSED
                        : TimetableEvent.NOMINATIONS_CLOSED, now, summary)
                        .call(() -> record(s, "step.close", st, Map.of("openedAt", st.openedAt.toString()), after))
                        // Where the rulebook's thresholds set the shortlist, closing nominations publishes it.
                        .call(() -> trigger ? Uni.createFrom().voidItem() : nominations.publish(s, st, caller, now))
                        .replaceWith(st);
            });
        })).map(StepViews.Step::of);
    }

    @WithSession
    public Uni<StepViews.Step> get(UUID selectionId, String step, Caller caller) {
        String name = StepViews.stepName(step);
        return SelectionAccess.reachable(selectionId, caller, units)
                .chain(s -> SelectionStep.find(s.id, name))
                .map(st -> {
                    if (st == null) {
                        throw ProblemException.notFound("the " + name + " step of selection " + selectionId);
                    }
                    return StepViews.Step.of(st);
                });
    }

    /**
     * Every unit's result in the trigger step, for counting. Affiliates: their confirmed returns (an affiliate
     * without one has not voted). Branches: the yes/no vote of the branch's meeting held for the trigger, as counted
     * (a branch whose meeting has not voted, or whose count has not arrived, has not voted).
     */
    Uni<List<Unit>> unitResults(Selection s, SelectionStep st) {
        return units.branchesOf(s.constituency).chain(branches -> units.affiliatesOf(s.constituency)
                .chain(affiliates -> AffiliateReturn.<AffiliateReturn>list(
                                "stepId = ?1 and confirmedAt is not null", st.id)
                        .chain(returns -> MeetingVoteResult.branchOutcomes(s.id, SelectionStep.TRIGGER)
                                .map(branchVotes -> {
                            Map<String, String> votes = returns.stream()
                                    .collect(Collectors.toMap(r -> r.affiliate, r -> r.vote));
                            List<Unit> out = new ArrayList<>();
                            branches.forEach(b -> out.add(new Unit(b.code, TriggerRules.BRANCHES,
                                    yesNo(branchVotes.get(b.code)))));
                            affiliates.forEach(a -> out.add(new Unit(a.code, TriggerRules.AFFILIATES,
                                    yesNo(votes.get(a.code)))));
                            return out;
                        }))));
    }

    /**
     * The trigger counted under the rulebook, as published: the rule, every unit's vote (a branch's with the meeting
     * ballots it came from), the returns' digests.
     */
    private Uni<String> triggerOutcome(Selection s, SelectionStep st) {
        return Rulebook.current(s).chain(r -> unitResults(s, st).chain(all -> AffiliateReturn
                .<AffiliateReturn>list("stepId = ?1 and confirmedAt is not null order by affiliate", st.id)
                .chain(returns -> MeetingVoteResult.branchBallots(s.id, SelectionStep.TRIGGER).map(ballots -> {
                    StepRules.Trigger trigger = r.stepRules().trigger();
                    TriggerRules rules = trigger.rules();
                    // A college the rulebook sets no threshold for takes no part in the count.
                    List<Unit> counted = all.stream().filter(u -> rules.thresholds().containsKey(u.college()))
                            .toList();
                    TriggerBallot.Outcome outcome = TriggerBallot.aggregate(counted, rules);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("selection", s.id.toString());
                    doc.put("step", SelectionStep.TRIGGER);
                    doc.put("rule", r.stepRules().json().get("trigger"));
                    doc.put("triggered", outcome.triggered());
                    doc.put("explanation", outcome.explanation());
                    doc.put("units", outcome.units().stream().map(u -> {
                        Map<String, Object> unit = unit(u);
                        if (ballots.containsKey(u.name()) && TriggerRules.BRANCHES.equals(u.college())) {
                            unit.put("ballots", ballots.get(u.name()));
                        }
                        return unit;
                    }).toList());
                    doc.put("colleges", outcome.colleges().stream().map(StepService::college).toList());
                    doc.put("returns", returns.stream().map(ret -> Map.<String, Object>of("affiliate",
                            ret.affiliate, "vote", ret.vote, "return", ret.id.toString(), "digest", ret.digest))
                            .toList());
                    return CanonicalJson.write(doc);
                }))));
    }

    /** Nominations follow a trigger ballot only once it closed triggered; a trigger step needs a trigger rule. */
    private static Uni<Void> mayOpen(Selection s, Rulebook r, String name) {
        boolean hasTrigger = r.stepRules() != null && "trigger".equals(r.stepRules().steps());
        if (SelectionStep.TRIGGER.equals(name)) {
            if (!hasTrigger) {
                throw ProblemException.conflict("no-trigger-step", "the rulebook has no trigger ballot "
                        + "(steps: open): nominations open straight away");
            }
            return Uni.createFrom().voidItem();
        }
        return requireContest(s, r, "nominations");
    }

    /**
     * Where the rulebook has a trigger ballot, what follows it ({@code what}: nominations, the final ballot) waits
     * for it to close triggered: not triggered, the sitting member is reselected and the selection ends there.
     */
    public static Uni<Void> requireContest(Selection s, Rulebook r, String what) {
        if (r.stepRules() == null || !"trigger".equals(r.stepRules().steps())) {
            return Uni.createFrom().voidItem();
        }
        return SelectionStep.find(s.id, SelectionStep.TRIGGER).invoke(t -> {
            if (t == null || t.open()) {
                throw ProblemException.conflict("trigger-not-closed", "the trigger ballot must close before "
                        + what);
            }
            if (!triggered(t.outcome)) {
                throw ProblemException.conflict("not-triggered", "the trigger ballot did not trigger a "
                        + "selection: the sitting member is reselected, with no " + what);
            }
        }).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private static boolean triggered(String outcome) {
        return Boolean.TRUE.equals(((Map<String, Object>) Json.parse(outcome)).get("triggered"));
    }

    private static YesNo yesNo(String vote) {
        if (vote == null) {
            return null;
        }
        return YES.equals(vote) ? new YesNo(1, 0, 0, 0) : new YesNo(0, 1, 0, 0);
    }

    private static Map<String, Object> unit(Unit u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", u.name());
        m.put("college", u.college());
        m.put("voted", u.voted());
        m.put("vote", u.voted() ? (u.forContest() ? YES : NO) : null);
        return m;
    }

    private static Map<String, Object> college(TriggerBallot.College c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("college", c.name());
        m.put("units", c.units());
        m.put("voted", c.voted());
        m.put("forContest", c.forContest());
        m.put("base", c.base());
        m.put("threshold", c.threshold().toString());
        m.put("required", c.required());
        m.put("met", c.met());
        return m;
    }

    private static String title(String step) {
        return SelectionStep.TRIGGER.equals(step) ? "Trigger ballot" : "Nominations";
    }

    private static Uni<Selection> administered(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId, LockModeType.PESSIMISTIC_WRITE)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId));
    }

    private Uni<Void> emit(Selection s, String kind, Instant at, String summary) {
        return outbox.record(Topics.BALLOTS, s.id.toString(), TimetableEvent.TYPE,
                new TimetableEvent(s.id.toString(), null, kind, at, summary, null));
    }

    private Uni<Void> record(Selection s, String name, SelectionStep st, Map<String, Object> before,
                             Map<String, Object> after) {
        return audit.record(AuditAction.named(name).in(s.auditScope()).on(s.auditTarget() + "/" + st.target())
                .before(before == null ? null : AuditState.of(before)).after(AuditState.of(after)).build());
    }
}
