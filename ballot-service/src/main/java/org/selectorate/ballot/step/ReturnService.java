package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.area.KnownAffiliate;
import org.selectorate.ballot.area.KnownOfficer;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.cosign.CosignRequired;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Affiliates' returns to a step. An officer of the affiliate (by token claim and by membership-service's record)
 * enters it; another person confirms it: a second officer of the same affiliate, or a scrutineer of the area where
 * the affiliate has one officer. Only confirmed returns count. One per affiliate and step. A return entered after
 * the step's deadline becomes a proposal ({@link LateReturn}) that a scrutineer must co-sign. Entry and confirmation
 * are on the audit log.
 */
@ApplicationScoped
public class ReturnService {
    private final KnownUnits units;
    private final AuditTrail audit;

    public ReturnService(KnownUnits units, AuditTrail audit) {
        this.units = units;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<StepViews.Return> enter(UUID selectionId, String step, StepViews.ReturnRequest request,
                                       Caller caller) {
        String name = StepViews.stepName(step);
        String affiliate = request.affiliate().strip();
        String vote = request.vote().strip();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return actingFor(selectionId, affiliate, caller).chain(s -> openStep(s, name).chain(st ->
                validVote(s, name, vote)
                        .chain(() -> AffiliateReturn.count("stepId = ?1 and affiliate = ?2", st.id, affiliate))
                        .chain(standing -> {
                            if (standing > 0) {
                                throw ProblemException.conflict("return-exists", affiliate + " has already made "
                                        + "its return to the " + name + " step");
                            }
                            if (now.isAfter(st.returnsDeadline)) {
                                if (request.reason() == null || request.reason().isBlank()) {
                                    throw ProblemException.conflict("returns-closed", "the " + name + " step's "
                                            + "returns closed at " + st.returnsDeadline + "; with a reason, a late "
                                            + "return is proposed for a scrutineer to co-sign");
                                }
                                throw CosignRequired.of(new Proposals.Request(LateReturn.KIND, s.id,
                                        UUID.randomUUID(), LateReturn.change(s.id, name, affiliate, vote, caller.name()),
                                        request.reason(), "the " + name + " step's returns closed at "
                                        + st.returnsDeadline + "; a late return needs a scrutineer's co-signed "
                                        + "override"), caller);
                            }
                            AffiliateReturn r = newReturn(UUID.randomUUID(), st, affiliate, vote, caller.name(),
                                    caller.subject(), now, null);
                            return r.<AffiliateReturn>persist().call(saved -> record(s, "return.enter", name,
                                    saved, null, null));
                        })
                        .map(r -> StepViews.Return.of(s.id, name, r))));
    }

    @WithTransaction
    public Uni<StepViews.Return> confirm(UUID selectionId, String step, UUID returnId, Caller caller) {
        String name = StepViews.stepName(step);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return SelectionAccess.reachable(selectionId, caller, units).chain(s -> openStep(s, name).chain(st ->
                AffiliateReturn.<AffiliateReturn>findById(returnId, LockModeType.PESSIMISTIC_WRITE).chain(r -> {
                    if (r == null || !r.stepId.equals(st.id)) {
                        throw ProblemException.notFound("return " + returnId);
                    }
                    if (r.confirmed()) {
                        throw ProblemException.conflict("return-confirmed", "return " + returnId
                                + " is already confirmed");
                    }
                    if (r.enteredSubject.equals(caller.subject())) {
                        throw ProblemException.forbidden("a return is confirmed by another person than the "
                                + "officer who entered it");
                    }
                    return mayConfirm(s, r.affiliate, caller).chain(() -> {
                        StepViews.Return before = StepViews.Return.of(s.id, name, r);
                        r.confirmedBy = caller.name();
                        r.confirmedSubject = caller.subject();
                        r.confirmedAt = now;
                        r.seal(s.id, name);
                        return record(s, "return.confirm", name, r, before, r.enteredSubject).replaceWith(r);
                    });
                })).map(r -> StepViews.Return.of(s.id, name, r)));
    }

    /**
     * The step's confirmed returns with their digests, by affiliate; an officer also sees their affiliates' pending
     * ones.
     */
    @WithSession
    public Uni<List<StepViews.Return>> list(UUID selectionId, String step, Caller caller) {
        String name = StepViews.stepName(step);
        return SelectionAccess.reachable(selectionId, caller, units).chain(s -> SelectionStep.find(s.id, name).chain(st -> {
            if (st == null) {
                throw ProblemException.notFound("the " + name + " step of selection " + selectionId);
            }
            return KnownOfficer.<KnownOfficer>list("username = ?1", caller.name())
                    .map(offices -> offices.stream().map(o -> o.affiliate).filter(caller::claimsAffiliate)
                            .collect(Collectors.toSet()))
                    .chain(own -> AffiliateReturn.<AffiliateReturn>list("stepId = ?1 order by affiliate", st.id)
                            .map(all -> all.stream().filter(r -> r.confirmed() || own.contains(r.affiliate))
                                    .map(r -> StepViews.Return.of(s.id, name, r)).toList()));
        }));
    }

    static AffiliateReturn newReturn(UUID id, SelectionStep st, String affiliate, String vote, String enteredBy,
                                     String enteredSubject, Instant at, UUID overrideProposal) {
        AffiliateReturn r = new AffiliateReturn();
        r.id = id;
        r.stepId = st.id;
        r.affiliate = affiliate;
        r.vote = vote;
        r.enteredBy = enteredBy;
        r.enteredSubject = enteredSubject;
        r.enteredAt = at;
        r.overrideProposal = overrideProposal;
        return r;
    }

    /** The step, opened and not closed, locked: returns to it are decided one at a time. */
    static Uni<SelectionStep> openStep(Selection s, String name) {
        return SelectionStep.lock(s.id, name).invoke(st -> {
            if (st == null) {
                throw ProblemException.conflict("step-not-open", "the " + name + " step has not been opened");
            }
            if (!st.open()) {
                throw ProblemException.conflict("step-closed", "the " + name + " step has closed; it takes no "
                        + "more returns");
            }
        });
    }

    /**
     * The selection, for an officer acting for {@code affiliate}: 400 unless it is one of the constituency's
     * affiliates, 403 unless the token names it and membership-service records the caller as its officer.
     */
    private Uni<Selection> actingFor(UUID selectionId, String affiliate, Caller caller) {
        return Selection.<Selection>findById(selectionId).chain(s -> affiliates(s).map(all -> {
            SelectionAccess.requireReachable(s, caller, all, "selection " + selectionId);
            if (all.stream().noneMatch(a -> a.code.equals(affiliate))) {
                throw ProblemException.badRequest("no such affiliate", List.of("affiliate: " + affiliate
                        + " is not an affiliate of constituency " + s.constituency));
            }
            if (!caller.claimsAffiliate(affiliate)) {
                throw ProblemException.forbidden("only an officer of " + affiliate + " may make its return");
            }
            return s;
        })).call(s -> units.isOfficer(affiliate, caller.name()).invoke(officer -> {
            if (!officer) {
                throw ProblemException.forbidden("you are not a current officer of " + affiliate);
            }
        }));
    }

    /** A second officer of the affiliate; or, where it has no second officer, a scrutineer of the area. */
    private Uni<Void> mayConfirm(Selection s, String affiliate, Caller caller) {
        if (caller.claimsAffiliate(affiliate)) {
            return units.isOfficer(affiliate, caller.name()).invoke(officer -> {
                if (!officer) {
                    throw ProblemException.forbidden("you are not a current officer of " + affiliate);
                }
            }).replaceWithVoid();
        }
        if (caller.roles().contains(Roles.SCRUTINEER) && caller.covers(s.region, s.constituency)) {
            return units.officersOf(affiliate).invoke(officers -> {
                if (officers.size() > 1) {
                    throw ProblemException.forbidden(affiliate + " has a second officer, who confirms its return");
                }
            }).replaceWithVoid();
        }
        return Uni.createFrom().failure(ProblemException.forbidden("only another officer of " + affiliate
                + " (or a scrutineer, where it has one officer) may confirm its return"));
    }


    /** Trigger: yes (for a contest) or no. Nominations: one of the selection's standing candidates, by name. */
    static Uni<Void> validVote(Selection s, String step, String vote) {
        if (SelectionStep.TRIGGER.equals(step)) {
            if (!Set.of(StepService.YES, StepService.NO).contains(vote)) {
                return Uni.createFrom().failure(ProblemException.badRequest("the return is not valid",
                        List.of("vote: yes (for a contest) or no")));
            }
            return Uni.createFrom().voidItem();
        }
        return Candidate.count("selectionId = ?1 and name = ?2 and withdrawnAt is null", s.id, vote).invoke(n -> {
            if (n == 0) {
                throw ProblemException.badRequest("the return is not valid",
                        List.of("vote: " + vote + " is not a standing candidate of this selection"));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> record(Selection s, String action, String step, AffiliateReturn r, StepViews.Return before,
                             String coSigner) {
        return audit.record(AuditAction.named(action).in(s.auditScope()).on(s.auditTarget() + "/" + r.target(step))
                .before(before == null ? null : AuditState.of(before.audited()))
                .after(AuditState.of(StepViews.Return.of(s.id, step, r).audited())).coSignedBy(coSigner).build());
    }

    private Uni<List<KnownAffiliate>> affiliates(Selection s) {
        return s == null ? Uni.createFrom().item(List.of()) : units.affiliatesOf(s.constituency);
    }
}
