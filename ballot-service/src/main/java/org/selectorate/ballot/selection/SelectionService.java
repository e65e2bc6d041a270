package org.selectorate.ballot.selection;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.area.KnownConstituency;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.cosign.CosignRequired;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.CandidateNominated;
import org.selectorate.contracts.ballot.MailingRules;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class SelectionService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outbox outbox;
    private final Withdrawal withdrawal;
    private final KnownUnits units;
    private final AuditTrail audit;

    public SelectionService(Outbox outbox, Withdrawal withdrawal, KnownUnits units, AuditTrail audit) {
        this.units = units;
        this.outbox = outbox;
        this.withdrawal = withdrawal;
        this.audit = audit;
    }

    /** The selection, its rulebook version 1, {@link SelectionCreated} and the audit entry commit together. */
    @WithTransaction
    public Uni<SelectionView> create(SelectionRequests.NewSelection request, Caller caller) {
        // Checked before anything is read or written: a bad rulebook is a 400 that saves nothing.
        StepRules steps = StepRules.requested(request.rulebook());
        BallotRules ballotRules = BallotRules.given(request.rulebook()) ? BallotRules.requested(request.rulebook()) : null;
        return KnownConstituency.<KnownConstituency>findById(request.constituency())
                .onItem().ifNull().failWith(() -> ProblemException.badRequest(
                        "unknown constituency " + request.constituency(),
                        List.of("constituency: not a constituency ballot-service has learnt of")))
                .chain(known -> {
                    if (!caller.covers(known.region, known.code)) {
                        throw ProblemException.forbidden("constituency " + known.code + " is outside your area");
                    }
                    Instant now = Instant.now();
                    Selection selection = new Selection();
                    selection.id = UUID.randomUUID();
                    selection.constituency = known.code;
                    selection.region = known.region;
                    selection.title = request.title().strip();
                    selection.freezeDate = request.freezeDate();
                    selection.rulebookVersion = 1;
                    selection.createdBy = caller.name();
                    selection.createdAt = now;
                    Rulebook rulebook = firstRulebook(selection, request.rulebook(), steps, ballotRules, now);
                    return selection.persist().chain(rulebook::persist)
                            .call(() -> outbox.record(Topics.BALLOTS, selection.id.toString(), SelectionCreated.TYPE,
                                    new SelectionCreated(selection.id.toString(), selection.constituency,
                                            selection.region, selection.title, selection.freezeDate,
                                            rulebook.minimumMonths, rulebook.arrearsDisqualify, rulebook.version)))
                            .call(() -> outbox.record(Topics.BALLOTS, selection.id.toString(), MailingRules.TYPE,
                                    new MailingRules(selection.id.toString(), selection.region, selection.constituency,
                                            rulebook.version, rulebook.mailingQuota, rulebook.mailingPeriodDays)))
                            .call(() -> audit.record(AuditAction.named("selection.create")
                                    .in(selection.auditScope()).on(selection.auditTarget())
                                    .after(AuditState.of(created(selection, rulebook))).build()))
                            .replaceWith(() -> SelectionView.of(selection, rulebook, List.of()));
                });
    }

    @WithSession
    public Uni<SelectionView> get(UUID id, Caller caller) {
        return SelectionAccess.reachable(id, caller, units).chain(this::view);
    }

    @WithSession
    public Uni<List<SelectionView>> list(Caller caller) {
        return Selection.<Selection>list("order by createdAt").chain(all -> {
            List<Selection> mine = all.stream().filter(s -> caller.covers(s.region, s.constituency)).toList();
            List<UUID> ids = mine.stream().map(s -> s.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<SelectionView>of());
            }
            return Rulebook.<Rulebook>list("selectionId in ?1", ids)
                    .chain(rulebooks -> Candidate.<Candidate>list("selectionId in ?1 order by addedAt, name", ids)
                            .map(candidates -> {
                                Map<UUID, List<Candidate>> bySelection = candidates.stream()
                                        .collect(Collectors.groupingBy(c -> c.selectionId));
                                return mine.stream().map(s -> SelectionView.of(s, rulebooks.stream()
                                                .filter(r -> r.selectionId.equals(s.id) && r.version == s.rulebookVersion)
                                                .findFirst().orElseThrow(),
                                        bySelection.getOrDefault(s.id, List.of()))).toList();
                            }));
        });
    }

    /** Candidates join until the ballot opens; after that the paper is fixed. */
    @WithTransaction
    public Uni<SelectionView> addCandidate(UUID id, SelectionRequests.NewCandidate request, Caller caller) {
        String name = request.name().strip();
        List<String> agents = agents(request.account(), request.agents());
        return adminSelection(id, caller)
                .call(s -> Ballot.count("selectionId = ?1 and kind = ?2 and status <> ?3", s.id, BallotOpened.FINAL,
                                Ballot.Status.DRAFT)
                        .invoke(issued -> {
                            if (issued > 0) {
                                throw ProblemException.conflict("ballot-opened",
                                        "the ballot has opened; no candidate can be added");
                            }
                        }))
                .call(s -> Candidate.count("selectionId = ?1 and lower(name) = lower(?2)", s.id, name)
                        .invoke(n -> {
                            if (n > 0) {
                                throw ProblemException.conflict("candidate-exists",
                                        "a candidate named " + name + " is already in this selection");
                            }
                        }))
                .call(s -> accountsFree(s.id, null, request.account(), agents))
                .call(s -> {
                    Candidate candidate = new Candidate();
                    candidate.id = UUID.randomUUID();
                    candidate.selectionId = s.id;
                    candidate.name = name;
                    candidate.addedAt = Instant.now();
                    candidate.account = request.account();
                    candidate.email = request.email();
                    candidate.agents = String.join(",", agents);
                    candidate.gender = request.gender() == null || request.gender().isBlank() ? null
                            : request.gender().strip();
                    Map<String, Object> added = acting(candidate);
                    if (candidate.gender != null) {
                        // It can decide a gender-balance place on the shortlist: who declared what is on the record.
                        added.put("gender", candidate.gender);
                    }
                    return candidate.persist().call(() -> nominated(s, candidate))
                            .call(() -> audit.record(AuditAction.named("candidate.add").in(s.auditScope())
                                    .on(target(s, candidate)).after(AuditState.of(added)).build()));
                })
                .chain(this::view);
    }

    /**
     * Replaces who acts for a candidate (their own account and agents): only they may send the candidate's
     * mailings. Announced like a nomination, and allowed after the ballot opens (agents change).
     */
    @WithTransaction
    public Uni<SelectionView> setAccounts(UUID id, String name, SelectionRequests.CandidateAccounts request,
                                          Caller caller) {
        List<String> agents = agents(request.account(), request.agents());
        return adminSelection(id, caller)
                .call(s -> Candidate.<Candidate>find("selectionId = ?1 and name = ?2", s.id, name).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("candidate " + name))
                        .call(c -> accountsFree(s.id, c.id, request.account(), agents))
                        .call(c -> {
                            Map<String, Object> before = acting(c);
                            c.account = request.account();
                            c.agents = String.join(",", agents);
                            return nominated(s, c).call(() -> audit.record(AuditAction.named("candidate.accounts.set")
                                    .in(s.auditScope()).on(target(s, c)).before(AuditState.of(before))
                                    .after(AuditState.of(acting(c))).build()));
                        }))
                .chain(this::view);
    }

    /** Agents without repeats; the candidate's own account is not also their agent. */
    private static List<String> agents(String account, List<String> agents) {
        List<String> out = agents == null ? List.of() : agents.stream().distinct().toList();
        if (account != null && out.contains(account)) {
            throw ProblemException.badRequest("the candidate's account cannot also be their agent",
                    List.of("agents: " + account + " is the candidate's own account"));
        }
        return out;
    }

    /** A username acts for one candidate of a selection at most, so each mailing counts against one quota. */
    private static Uni<Void> accountsFree(UUID selectionId, UUID candidateId, String account, List<String> agents) {
        List<String> wanted = new ArrayList<>(agents);
        if (account != null) {
            wanted.add(account);
        }
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Candidate.<Candidate>list("selectionId", selectionId).invoke(all -> {
            for (Candidate other : all) {
                if (other.id.equals(candidateId)) {
                    continue;
                }
                for (String username : wanted) {
                    if (username.equals(other.account) || other.agentList().contains(username)) {
                        throw ProblemException.conflict("account-taken", username
                                + " already acts for candidate " + other.name + " in this selection");
                    }
                }
            }
        }).replaceWithVoid();
    }

    private Uni<Void> nominated(Selection s, Candidate c) {
        return outbox.record(Topics.BALLOTS, s.id.toString(), CandidateNominated.TYPE,
                new CandidateNominated(s.id.toString(), c.id.toString(), c.name, c.account, c.agentList(), s.region,
                        s.constituency, c.email)).replaceWithVoid();
    }

    /**
     * Records a withdrawal. Before the ballot opens the candidate is left off the paper, and an admin records it
     * alone; after it opens they stay on the paper and are listed as withdrawn, to be excluded before stage 1 of the
     * count, and the withdrawal needs a scrutineer's co-signature: the attempt becomes a proposal.
     */
    @WithTransaction
    public Uni<SelectionView> withdraw(UUID id, String name, String reason, Caller caller) {
        return adminSelection(id, caller)
                .call(s -> Ballot.finalOf(s.id).chain(ballot -> Candidate
                        .<Candidate>find("selectionId = ?1 and name = ?2", s.id, name).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("candidate " + name))
                        .chain(c -> {
                            Withdrawal.requireWithdrawable(c, ballot);
                            if (ballot != null && ballot.status == Ballot.Status.OPEN) {
                                throw CosignRequired.of(new Proposals.Request(Withdrawal.KIND, s.id, c.id, Map.of(),
                                        reason, "the ballot has opened: withdrawing " + c.name
                                        + " needs a scrutineer's co-signature"), caller);
                            }
                            Map<String, Object> before = Withdrawal.standing(c);
                            return withdrawal.withdraw(c).chain(after -> audit.record(
                                    AuditAction.named("candidate.withdraw").in(s.auditScope()).on(target(s, c))
                                            .before(AuditState.of(before)).after(AuditState.of(after))
                                            .reason(reason == null || reason.isBlank() ? null : reason.strip())
                                            .build()));
                        })))
                .chain(this::view);
    }

    /** How the audit log names a candidate. */
    static String target(Selection s, Candidate c) {
        return s.auditTarget() + "/" + Withdrawal.target(c.id);
    }

    /** Who acts for a candidate (usernames the admin gave), as the audit log keeps it. */
    private static Map<String, Object> acting(Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name);
        m.put("account", c.account);
        m.put("agents", c.agentList());
        return m;
    }

    /** The selection as created, as the audit log keeps it: what its creator gave and the rulebook in force. */
    private static Map<String, Object> created(Selection s, Rulebook r) {
        Map<String, Object> rulebook = new LinkedHashMap<>();
        rulebook.put("version", r.version);
        rulebook.put("minimumMonths", r.minimumMonths);
        rulebook.put("arrearsDisqualify", r.arrearsDisqualify);
        rulebook.put("tieBreak", r.tieBreak);
        rulebook.put("seed", r.seed);
        rulebook.put("noticeLeadHours", r.noticeLeadHours);
        rulebook.put("mailingQuota", r.mailingQuota);
        rulebook.put("mailingPeriodDays", r.mailingPeriodDays);
        rulebook.putAll(r.stepRules().json());
        if (r.countMethod != null) {
            rulebook.putAll(r.ballotRules().json());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", s.title);
        m.put("region", s.region);
        m.put("constituency", s.constituency);
        m.put("freezeDate", s.freezeDate.toString());
        m.put("rulebook", rulebook);
        return m;
    }

    private Uni<Selection> adminSelection(UUID id, Caller caller) {
        return Selection.<Selection>findById(id)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + id));
    }

    private Uni<SelectionView> view(Selection s) {
        return Rulebook.current(s).chain(rulebook ->
                Candidate.<Candidate>list("selectionId = ?1 order by addedAt, name", s.id)
                        .map(candidates -> SelectionView.of(s, rulebook, candidates)));
    }

    private static Rulebook firstRulebook(Selection selection, SelectionRequests.RulebookTerms terms, StepRules steps,
                                          BallotRules ballotRules, Instant now) {
        Rulebook r = new Rulebook();
        r.id = UUID.randomUUID();
        r.selectionId = selection.id;
        r.version = 1;
        r.minimumMonths = terms == null || terms.minimumMonths() == null ? 6 : terms.minimumMonths();
        r.arrearsDisqualify = terms == null || terms.arrearsDisqualify() == null || terms.arrearsDisqualify();
        r.tieBreak = terms == null || terms.tieBreak() == null ? "backwards" : terms.tieBreak();
        // A drawn seed stays within 2^53 so the published JSON carries it exactly.
        r.seed = terms == null || terms.seed() == null
                ? RANDOM.nextLong() & SelectionRequests.MAX_SEED : terms.seed();
        r.noticeLeadHours = terms == null || terms.noticeLeadHours() == null ? 0 : terms.noticeLeadHours();
        r.mailingQuota = terms == null || terms.mailingQuota() == null ? 2 : terms.mailingQuota();
        r.mailingPeriodDays = terms == null || terms.mailingPeriodDays() == null ? 7 : terms.mailingPeriodDays();
        steps.writeTo(r);
        r.appealsWindowDays = terms == null || terms.appeals() == null || terms.appeals().windowDays() == null
                ? Rulebook.DEFAULT_APPEALS_WINDOW_DAYS : terms.appeals().windowDays();
        if (ballotRules != null) {
            ballotRules.writeTo(r);
        }
        r.createdAt = now;
        return r;
    }
}
