package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.ballot.MeetingVoteResult;
import org.selectorate.ballot.cosign.CosignRequired;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.ballot.selection.StepRules;
import org.selectorate.ballot.timetable.TimetableAccess;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.counting.shortlist.NominatingUnit;
import org.selectorate.counting.shortlist.Nominee;
import org.selectorate.counting.shortlist.Shortlist;
import org.selectorate.counting.shortlist.ShortlistRules;
import org.selectorate.counting.trigger.TriggerRules;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Candidates' nominations and the shortlist, on the nominations step. A branch nominates by its nomination
 * meeting's exhaustive ballot (the candidate a round gave a majority, {@link MeetingVoteResult#branchOutcomes}); an
 * affiliate by its confirmed return. Closing the step counts them with counting's {@link Shortlist} under the
 * rulebook's thresholds and gender-balance rule and publishes the outcome; where the rulebook has thresholds, that
 * outcome is the shortlist, to which the procedures committee may add only as the rulebook allows, each addition
 * co-signed ({@link CommitteeAddition}). Without thresholds the committee sets the shortlist by hand. A withdrawn
 * candidate is shown as such, with their nominations, and is neither counted nor shortlisted.
 */
@ApplicationScoped
public class NominationService {
    private final KnownUnits units;
    private final Outbox outbox;
    private final AuditTrail audit;

    public NominationService(KnownUnits units, Outbox outbox, AuditTrail audit) {
        this.units = units;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * The nominations as they stand: every candidate of the selection (by name), each branch's decision, the
     * confirmed returns, and the constituency's units.
     */
    record Gathered(List<Candidate> candidates, Map<String, String> branchVotes, List<AffiliateReturn> returns,
                    int branches, int affiliates) {
        List<String> branchesFor(String name) {
            return branchVotes.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                    .toList();
        }

        List<AffiliateReturn> returnsFor(String name) {
            return returns.stream().filter(r -> r.vote.equals(name)).toList();
        }
    }

    Uni<Gathered> gather(Selection s, SelectionStep st) {
        Uni<List<AffiliateReturn>> returns = st == null ? Uni.createFrom().item(List.of())
                : AffiliateReturn.list("stepId = ?1 and confirmedAt is not null order by affiliate", st.id);
        return units.branchesOf(s.constituency).chain(branches -> units.affiliatesOf(s.constituency)
                .chain(affiliates -> MeetingVoteResult.branchOutcomes(s.id, SelectionStep.NOMINATIONS)
                        .chain(decided -> returns.chain(confirmed -> Candidate
                                .<Candidate>list("selectionId = ?1 order by name", s.id)
                                .map(candidates -> new Gathered(candidates, decided, confirmed, branches.size(),
                                        affiliates.size()))))));
    }

    /** The nominations counted at the close, as published (RFC 8785 JSON). */
    Uni<String> outcome(Selection s, SelectionStep st) {
        return Rulebook.current(s).chain(r -> gather(s, st).map(g -> CanonicalJson.write(count(s, r, g))));
    }

    static Map<String, Object> count(Selection s, Rulebook r, Gathered g) {
        StepRules rules = r.stepRules();
        ShortlistRules shortlisting = rules == null ? null : rules.shortlistRules(r.seed);
        boolean genders = rules != null && rules.genderBalance() != null;
        List<Nominee> nominees = g.candidates().stream().filter(c -> c.withdrawnAt == null)
                .map(c -> new Nominee(c.name, c.gender, nominatedBy(g, c.name))).toList();
        Shortlist.Outcome o = shortlisting == null ? null : Shortlist.compute(nominees,
                Map.of(TriggerRules.BRANCHES, (long) g.branches(), TriggerRules.AFFILIATES, (long) g.affiliates()),
                shortlisting);
        Map<String, Shortlist.Standing> standings = o == null ? Map.of() : o.standings().stream()
                .collect(Collectors.toMap(Shortlist.Standing::candidate, Function.identity()));
        Set<String> added = o == null ? Set.of() : o.added().stream().map(Shortlist.Addition::candidate)
                .collect(Collectors.toSet());

        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate c : g.candidates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidate", c.name);
            if (genders) {
                m.put("gender", c.gender);
            }
            m.put("withdrawn", c.withdrawnAt != null);
            List<String> branches = g.branchesFor(c.name);
            List<AffiliateReturn> returns = g.returnsFor(c.name);
            m.put("nominations", branches.size() + returns.size());
            m.put("branches", branches);
            m.put("affiliates", returns.stream().map(ret -> Map.<String, Object>of("affiliate", ret.affiliate,
                    "return", ret.id.toString(), "digest", ret.digest)).toList());
            if (o != null) {
                Shortlist.Standing standing = standings.get(c.name);
                m.put("colleges", standing == null ? null
                        : standing.colleges().stream().map(NominationService::figures).toList());
                m.put("reached", standing != null && standing.reached());
                m.put("shortlisted", o.byThreshold().contains(c.name) ? ShortlistPlace.THRESHOLD
                        : added.contains(c.name) ? ShortlistPlace.GENDER_BALANCE : null);
            }
            candidates.add(m);
        }
        // A nomination naming nobody of the selection: shown, never counted.
        Set<String> names = g.candidates().stream().map(c -> c.name).collect(Collectors.toSet());
        List<Map<String, Object>> notCounted = new ArrayList<>();
        g.branchVotes().forEach((branch, name) -> {
            if (!names.contains(name)) {
                notCounted.add(Map.of("unit", branch, "college", TriggerRules.BRANCHES, "candidate", name));
            }
        });
        g.returns().stream().filter(ret -> !names.contains(ret.vote)).forEach(ret -> notCounted.add(Map.of(
                "unit", ret.affiliate, "college", TriggerRules.AFFILIATES, "candidate", ret.vote)));

        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("nominations", rules == null ? null : rules.json().get("nominations"));
        rule.put("genderBalance", rules == null ? null : rules.json().get("genderBalance"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("selection", s.id.toString());
        doc.put("step", SelectionStep.NOMINATIONS);
        doc.put("rule", rule);
        doc.put("automatic", o != null);
        doc.put("units", Map.of(TriggerRules.BRANCHES, g.branches(), TriggerRules.AFFILIATES, g.affiliates()));
        // Named as counting's Shortlist.Outcome names them (the console reads them so), withdrawn candidates included.
        doc.put("standings", candidates);
        doc.put("notCounted", notCounted);
        doc.put("byThreshold", o == null ? null : o.byThreshold());
        doc.put("added", o == null ? null : o.added().stream().map(a -> Map.<String, Object>of("candidate",
                a.candidate(), "reason", a.reason())).toList());
        doc.put("shortlist", o == null ? null : o.shortlist());
        doc.put("explanation", o == null ? "the rulebook sets no nomination thresholds: the procedures committee "
                + "sets the shortlist" : o.explanation());
        doc.put("returns", g.returns().stream().map(ret -> Map.<String, Object>of("affiliate", ret.affiliate,
                "vote", ret.vote, "return", ret.id.toString(), "digest", ret.digest)).toList());
        return doc;
    }

    private static Set<NominatingUnit> nominatedBy(Gathered g, String name) {
        Set<NominatingUnit> by = new HashSet<>();
        g.branchesFor(name).forEach(b -> by.add(new NominatingUnit(b, TriggerRules.BRANCHES)));
        g.returnsFor(name).forEach(r -> by.add(new NominatingUnit(r.affiliate, TriggerRules.AFFILIATES)));
        return by;
    }

    private static Map<String, Object> figures(Shortlist.CollegeFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("college", f.college());
        m.put("nominations", f.nominations());
        m.put("units", f.units());
        m.put("threshold", f.threshold().toString());
        m.put("required", f.required());
        m.put("met", f.met());
        return m;
    }

    /**
     * At the close, where the thresholds set the shortlist: the shortlist the published outcome names becomes the
     * selection's, announced to the committee ({@code shortlist}) and on the audit log, by who closed the step.
     */
    @SuppressWarnings("unchecked")
    Uni<Void> publish(Selection s, SelectionStep st, Caller caller, Instant now) {
        Map<String, Object> outcome = (Map<String, Object>) Json.parse(st.outcome);
        if (!Boolean.TRUE.equals(outcome.get("automatic"))) {
            return Uni.createFrom().voidItem();
        }
        List<String> byThreshold = (List<String>) outcome.get("byThreshold");
        Map<String, String> why = new LinkedHashMap<>();
        ((List<Map<String, Object>>) outcome.get("added")).forEach(a -> why.put((String) a.get("candidate"),
                (String) a.get("reason")));
        return Candidate.<Candidate>list("selectionId = ?1 and withdrawnAt is null", s.id).chain(standing -> {
            Map<String, Candidate> byName = standing.stream().collect(Collectors.toMap(c -> c.name,
                    Function.identity()));
            List<ShortlistPlace> places = new ArrayList<>();
            for (String name : (List<String>) outcome.get("shortlist")) {
                boolean reached = byThreshold.contains(name);
                places.add(ShortlistPlace.of(s.id, byName.get(name).id, places.size() + 1,
                        reached ? ShortlistPlace.THRESHOLD : ShortlistPlace.GENDER_BALANCE,
                        reached ? null : why.get(name), null, now, caller.name()));
            }
            st.shortlistedAt = now;
            st.shortlistedBy = caller.name();
            List<Candidate> listed = places.stream().map(p -> standing.stream()
                    .filter(c -> c.id.equals(p.candidateId)).findFirst().orElseThrow()).toList();
            return ShortlistPlace.persist(places)
                    .call(() -> announce(s, now, listed, listed.isEmpty() ? " (nobody reached the thresholds)" : ""))
                    .call(() -> published(s, "thresholds", places, listed));
        });
    }

    /**
     * The procedures committee sets the shortlist by hand, where the rulebook has no nomination thresholds, once the
     * nominations step has closed. Every id must be a standing candidate of the selection; 400 names the others.
     */
    @WithTransaction
    public Uni<NominationViews.Nominations> shortlist(UUID selectionId, List<String> ids, Caller caller) {
        Instant now = Instant.now();
        List<String> errors = new ArrayList<>();
        Set<UUID> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                if (!wanted.add(UUID.fromString(id.strip()))) {
                    errors.add("candidates: " + id + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                errors.add("candidates: " + id + " is not a candidate id");
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("the shortlist is not valid", errors));
        }
        return organised(selectionId, caller).call(s -> Rulebook.current(s).invoke(r -> {
            if (automatic(r)) {
                throw ProblemException.conflict("shortlist-automatic", "the rulebook's nomination thresholds set "
                        + "the shortlist when nominations close; the committee may only add to it as the rulebook "
                        + "allows (POST /selections/" + s.id + "/shortlist/additions)");
            }
        }).chain(() -> closedStep(s)).chain(st -> {
            if (st.shortlistedAt != null) {
                throw ProblemException.conflict("shortlist-exists", "the shortlist has already been published");
            }
            return Candidate.<Candidate>list("selectionId = ?1 and id in ?2 and withdrawnAt is null", s.id, wanted)
                    .chain(found -> {
                        Map<UUID, Candidate> byId = found.stream().collect(Collectors.toMap(c -> c.id,
                                Function.identity()));
                        List<String> unknown = wanted.stream().filter(id -> !byId.containsKey(id))
                                .map(id -> "candidates: " + id + " is not a standing candidate of this selection")
                                .toList();
                        if (!unknown.isEmpty()) {
                            throw ProblemException.badRequest("the shortlist is not valid", unknown);
                        }
                        List<ShortlistPlace> places = new ArrayList<>();
                        wanted.forEach(id -> places.add(ShortlistPlace.of(s.id, id, places.size() + 1,
                                ShortlistPlace.MANUAL, null, null, now, caller.name())));
                        List<Candidate> listed = wanted.stream().map(byId::get).toList();
                        st.shortlistedAt = now;
                        st.shortlistedBy = caller.name();
                        return ShortlistPlace.persist(places)
                                .call(() -> announce(s, now, listed, ""))
                                .call(() -> published(s, "manual", places, listed));
                    });
        })).chain(s -> view(s));
    }

    /**
     * The procedures committee proposes adding a candidate to a shortlist the thresholds set: checked as the
     * co-signature will check it ({@link CommitteeAddition}), then always a 409 {@code cosign-required} with the
     * proposal, which a scrutineer's co-signature carries out.
     */
    @WithTransaction
    public Uni<Void> proposeAddition(UUID selectionId, NominationViews.AdditionRequest request, Caller caller) {
        UUID candidate;
        try {
            candidate = UUID.fromString(request.candidate().strip());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("the addition is not valid",
                    List.of("candidate: " + request.candidate() + " is not a candidate id")));
        }
        return organised(selectionId, caller).chain(s -> {
            Map<String, Object> change = CommitteeAddition.change(s.id, candidate);
            return CommitteeAddition.bound(candidate, change).chain(state -> Uni.createFrom().<Void>failure(
                    CosignRequired.of(new Proposals.Request(CommitteeAddition.KIND, s.id, candidate, change,
                            request.reason(), "adding " + state.get("candidate") + " to the shortlist is the "
                            + "procedures committee's addition, which needs a scrutineer's co-signature"), caller)));
        });
    }

    @WithSession
    public Uni<NominationViews.Nominations> get(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(this::view);
    }

    private Uni<NominationViews.Nominations> view(Selection s) {
        return Rulebook.current(s).chain(r -> SelectionStep.find(s.id, SelectionStep.NOMINATIONS)
                .chain(st -> gather(s, st).chain(g -> ShortlistPlace
                        .<ShortlistPlace>list("selectionId = ?1 order by place", s.id)
                        .map(places -> NominationViews.Nominations.of(s.id, r, st, g, places)))));
    }

    /** Announces the shortlist as it now stands to every committee member. */
    Uni<Void> announce(Selection s, Instant at, List<Candidate> shortlist, String note) {
        String summary = "Shortlist: " + (shortlist.isEmpty() ? "nobody"
                : shortlist.stream().map(c -> c.name).collect(Collectors.joining(", "))) + note;
        return outbox.record(Topics.BALLOTS, s.id.toString(), TimetableEvent.TYPE,
                new TimetableEvent(s.id.toString(), null, TimetableEvent.SHORTLIST, at, summary, null))
                .replaceWithVoid();
    }

    private Uni<Void> published(Selection s, String by, List<ShortlistPlace> places, List<Candidate> listed) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            candidates.add(Map.of("id", places.get(i).candidateId.toString(), "name", listed.get(i).name,
                    "basis", places.get(i).basis));
        }
        return audit.record(AuditAction.named("shortlist.publish").in(s.auditScope())
                .on(s.auditTarget() + "/" + CommitteeAddition.TARGET)
                .after(AuditState.of(Map.of("by", by, "candidates", candidates))).build());
    }

    static boolean automatic(Rulebook r) {
        return r.stepRules() != null && r.stepRules().nominations().automatic();
    }

    /** The nominations step, locked, once it has closed: 409 before. */
    private static Uni<SelectionStep> closedStep(Selection s) {
        return SelectionStep.lock(s.id, SelectionStep.NOMINATIONS).invoke(st -> {
            if (st == null || st.open()) {
                throw ProblemException.conflict("nominations-not-closed", st == null
                        ? "nominations have not been opened" : "nominations are still open");
            }
        });
    }

    private static Uni<Selection> organised(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId, LockModeType.PESSIMISTIC_WRITE)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId));
    }
}
