package org.selectorate.ballot.cosign;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two-person rule, one way for every action that needs it: one person proposes, with a reason; a scrutineer
 * of the selection's area who is not the proposer (by token subject) co-signs, with a reason, naming the digest of
 * what they approve; the action is then done in the co-signature's transaction, after its state has been read again
 * and found as it was proposed. Every proposer here is an admin, the procedures secretary or an affiliate
 * officer (a late return), so "one of the two a scrutineer" is the co-signer. Each step is on the audit log, in its own transaction: {@code proposal.propose} by
 * the proposer, {@code <kind>.cosign} by the co-signer (the proposer as co-signer: the action is done then) or
 * {@code proposal.decline}.
 */
@ApplicationScoped
public class Proposals {
    /** The role a person acted in, as recorded: the first of these they hold. */
    private static final List<String> ACTING_ROLES = List.of(Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN,
            Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER, Roles.AFFILIATE_OFFICER);

    private final Instance<CosignedAction> actions;
    private final AuditTrail audit;

    public Proposals(@Any Instance<CosignedAction> actions, AuditTrail audit) {
        this.actions = actions;
        this.audit = audit;
    }

    /**
     * @param change what the action will do (RFC 8785 JSON values), bound into the digest and handed back to the
     *               action when it is done
     * @param reason the proposer's
     * @param why    why a second person is needed, as told to the proposer
     */
    public record Request(String kind, UUID selectionId, UUID targetId, Map<String, Object> change, String reason,
                          String why) {
    }

    /**
     * Records a proposal bound to the target's state as it is now. The caller has checked that the proposer may
     * take the action; the action's state refuses (404, 409) what cannot be done.
     */
    @WithTransaction
    public Uni<Proposal.View> propose(Request request, Caller caller) {
        CosignedAction action = action(request.kind());
        return Selection.<Selection>findById(request.selectionId())
                .invoke(s -> {
                    if (s == null || !action.proposableBy(s, caller, request.change())) {
                        throw ProblemException.notFound("selection " + request.selectionId());
                    }
                })
                .chain(s -> action.state(request.targetId(), request.change()))
                .chain(state -> {
                    Proposal p = new Proposal();
                    p.id = UUID.randomUUID();
                    p.selectionId = request.selectionId();
                    p.kind = request.kind();
                    p.targetId = request.targetId();
                    p.reason = request.reason().strip();
                    p.proposedBy = caller.name();
                    p.proposerSubject = caller.subject();
                    p.proposerRole = actingRole(caller);
                    p.proposedAt = Instant.now();
                    p.status = Proposal.PENDING;
                    p.canonical = canonical(p, request.change(), state);
                    p.digest = digest(p.canonical);
                    return p.<Proposal>persist().call(saved -> record(saved, "proposal.propose", request.change(),
                            state, summary(saved, request.change()), saved.reason, null));
                })
                .map(Proposal.View::of);
    }

    /**
     * A scrutineer's co-signature of exactly the proposal whose digest they name: 409 if the state the proposal was
     * bound to has changed since (propose it again), otherwise the action is done, here, in this transaction.
     */
    @WithTransaction
    public Uni<Proposal.View> cosign(UUID id, String digest, String reason, Caller caller) {
        return pending(id, caller)
                .call(p -> {
                    if (!p.digest.equalsIgnoreCase(digest.strip())) {
                        throw ProblemException.conflict("proposal-mismatch", "the digest co-signed is not proposal "
                                + id + "'s (" + p.digest + "): read the proposal again before co-signing it");
                    }
                    Map<String, Object> change = change(p);
                    CosignedAction action = action(p.kind);
                    return action.state(p.targetId, change).chain(state -> {
                        if (!canonical(p, change, state).equals(p.canonical)) {
                            throw ProblemException.conflict("state-changed", "what proposal " + id
                                    + " would act on has changed since it was proposed; it can no longer be "
                                    + "co-signed: propose it again");
                        }
                        return action.execute(p, change, caller).chain(done -> {
                            decide(p, Proposal.DONE, reason, caller);
                            Map<String, Object> after = summary(p, null);
                            after.put("done", done);
                            return record(p, p.kind + ".cosign", change, state, after, p.decisionReason,
                                    p.proposerSubject);
                        });
                    });
                })
                .map(Proposal.View::of);
    }

    /** A scrutineer refuses the proposal, with a reason; nothing is done. */
    @WithTransaction
    public Uni<Proposal.View> decline(UUID id, String reason, Caller caller) {
        return pending(id, caller)
                .call(p -> {
                    Map<String, Object> before = summary(p, null);
                    decide(p, Proposal.DECLINED, reason, caller);
                    return record(p, "proposal.decline", change(p), before, summary(p, null), p.decisionReason, null);
                })
                .map(Proposal.View::of);
    }

    @WithSession
    public Uni<Proposal.View> get(UUID id, Caller caller) {
        return Proposal.<Proposal>findById(id)
                .call(p -> inArea(p, caller, id))
                .map(Proposal.View::of);
    }

    @WithSession
    public Uni<List<Proposal.View>> list(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Proposal.<Proposal>list("selectionId = ?1 order by proposedAt, id", s.id))
                .map(ps -> ps.stream().map(Proposal.View::of).toList());
    }

    /** Locked, in the caller's area, still pending, and decided by a scrutineer who is not its proposer. */
    private static Uni<Proposal> pending(UUID id, Caller caller) {
        return Proposal.<Proposal>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .call(p -> inArea(p, caller, id))
                .invoke(p -> {
                    if (!caller.roles().contains(Roles.SCRUTINEER)) {
                        throw ProblemException.forbidden("only a scrutineer may decide a proposal");
                    }
                    if (p.proposerSubject.equals(caller.subject())) {
                        throw ProblemException.forbidden("the proposer cannot decide their own proposal: "
                                + "it needs a second person");
                    }
                    if (!Proposal.PENDING.equals(p.status)) {
                        throw ProblemException.conflict("proposal-decided", "proposal " + id + " is already "
                                + p.status);
                    }
                });
    }

    /** Out of area looks the same as absent, as for the selection itself. */
    private static Uni<Selection> inArea(Proposal p, Caller caller, UUID id) {
        if (p == null) {
            return Uni.createFrom().failure(ProblemException.notFound("proposal " + id));
        }
        return Selection.<Selection>findById(p.selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "proposal " + id));
    }

    private static void decide(Proposal p, String status, String reason, Caller caller) {
        p.status = status;
        p.decidedBy = caller.name();
        p.deciderSubject = caller.subject();
        p.deciderRole = Roles.SCRUTINEER;
        p.decisionReason = reason.strip();
        p.decidedAt = Instant.now();
    }

    /**
     * Puts a step of proposal {@code p} on the audit log, filed under its selection and what it acts on; the actor
     * is the caller. States are RFC 8785 JSON values.
     */
    private Uni<Void> record(Proposal p, String name, Map<String, Object> change, Map<String, Object> before,
                             Map<String, Object> after, String reason, String coSigner) {
        String on = action(p.kind).target(p.targetId, change);
        return Selection.<Selection>findById(p.selectionId).chain(s -> audit.record(AuditAction.named(name)
                .in(s.auditScope()).on(s.auditTarget() + "/" + on).before(AuditState.of(before))
                .after(AuditState.of(after)).reason(reason).coSignedBy(coSigner).build()));
    }

    /** A proposal as the audit log names it: what {@code digest} binds, and (when proposed) the change. */
    private static Map<String, Object> summary(Proposal p, Map<String, Object> change) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposal", p.id.toString());
        m.put("kind", p.kind);
        m.put("digest", p.digest);
        m.put("status", p.status);
        if (change != null) {
            m.put("change", change);
        }
        return m;
    }

    private CosignedAction action(String kind) {
        return actions.stream().filter(a -> a.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no action carries out proposals of kind " + kind));
    }

    private static String actingRole(Caller caller) {
        return ACTING_ROLES.stream().filter(caller.roles()::contains).findFirst()
                .orElseThrow(() -> ProblemException.forbidden("your role does not allow this action"));
    }

    /** What the digest is of: the proposal, who made it and why, what it does, and the state it was made in. */
    private static String canonical(Proposal p, Map<String, Object> change, Map<String, Object> state) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("proposal", p.id.toString());
        doc.put("kind", p.kind);
        doc.put("selection", p.selectionId.toString());
        doc.put("target", p.targetId.toString());
        doc.put("reason", p.reason);
        doc.put("proposer", p.proposerSubject);
        doc.put("proposerRole", p.proposerRole);
        doc.put("change", change);
        doc.put("state", state);
        return CanonicalJson.write(doc);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> change(Proposal p) {
        return (Map<String, Object>) ((Map<String, Object>) Json.parse(p.canonical)).get("change");
    }

    private static String digest(String canonical) {
        return Digest.sha256(canonical.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
