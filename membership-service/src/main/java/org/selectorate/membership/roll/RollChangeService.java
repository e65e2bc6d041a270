package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.membership.members.Member;
import org.selectorate.membership.selection.Selection;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Changes a frozen roll only by two people: an admin proposes with a reason, and a scrutineer who is
 * not the proposer approves, which makes the next roll version and announces it with the count changed. Both steps
 * are on the audit log; the approval names the proposer as co-signer.
 */
@ApplicationScoped
public class RollChangeService {
    private final RollWriter writer;
    private final AuditTrail audit;

    public RollChangeService(RollWriter writer, AuditTrail audit) {
        this.writer = writer;
        this.audit = audit;
    }

    public record NewChange(@Schema(example = "add")
                            @NotNull @Pattern(regexp = "add|remove", message = "must be add or remove") String action,
                            @Schema(example = "NW-001-000123") @NotBlank String membershipNumber,
                            @Schema(example = "Membership renewal received before the freeze date, entered after")
                            @NotBlank(message = "a change to a frozen roll needs a reason") @Size(max = 2000)
                            String reason) {
    }

    @WithTransaction
    public Uni<RollChange> propose(String selectionId, NewChange request, Caller caller) {
        return RollService.selection(selectionId, caller)
                .chain(s -> frozen(s).call(v -> applicable(s, v, request.action(), request.membershipNumber()))
                        .map(v -> {
                            RollChange change = new RollChange();
                            change.id = UUID.randomUUID();
                            change.selectionId = s.id;
                            change.action = request.action();
                            change.membershipNumber = request.membershipNumber().trim();
                            change.reason = request.reason().trim();
                            change.baseVersion = v.version;
                            change.status = "pending";
                            change.proposedBy = caller.name();
                            change.proposedBySubject = audit.actor().subject();
                            change.proposedAt = Instant.now();
                            return change;
                        })
                        .chain(change -> change.<RollChange>persist())
                        .call(change -> audit.record(AuditAction.named("roll.change.propose")
                                .in(RollService.scope(s)).on("roll-change/" + change.id)
                                .after(AuditState.of(Map.of("action", change.action,
                                        "membershipNumber", change.membershipNumber,
                                        "baseVersion", change.baseVersion)))
                                .reason(change.reason).build())));
    }

    @WithSession
    public Uni<List<RollChange>> changes(String selectionId, Caller caller) {
        return RollService.selection(selectionId, caller)
                .chain(s -> RollChange.<RollChange>list("selectionId = ?1 order by proposedAt", s.id));
    }

    /** The second person's approval: the change becomes the next roll version. */
    @WithTransaction
    public Uni<RollView> approve(String selectionId, UUID changeId, Caller caller) {
        return RollService.selection(selectionId, caller).chain(s -> RollChange.<RollChange>findById(changeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("change " + changeId))
                .chain(change -> {
                    if (!change.selectionId.equals(s.id)) {
                        throw ProblemException.notFound("change " + changeId);
                    }
                    if (change.proposedBy.equals(caller.name())
                            || audit.actor().subject().equals(change.proposedBySubject)) {
                        throw ProblemException.forbidden("a change needs a second person: its proposer cannot approve it");
                    }
                    if (!"pending".equals(change.status)) {
                        throw ProblemException.conflict("change-decided", "change " + changeId + " is already " + change.status);
                    }
                    return frozen(s).chain(v -> {
                        if (v.version != change.baseVersion) {
                            throw ProblemException.conflict("roll-changed", "the roll moved to version " + v.version
                                    + " after this change was proposed on version " + change.baseVersion
                                    + "; propose it again");
                        }
                        return apply(s, v, change, caller);
                    });
                }));
    }

    private Uni<RollView> apply(Selection s, RollVersion base, RollChange change, Caller caller) {
        Eligibility rule = new Eligibility(base.freezeDate, base.minimumMonths, base.arrearsDisqualify);
        return RollEntry.<RollEntry>list("selectionId = ?1 and version = ?2 order by leafIndex", s.id, base.version)
                .chain(entries -> applicable(s, base, change.action, change.membershipNumber).map(member -> {
                    List<Elector> electors = new ArrayList<>(entries.size() + 1);
                    for (RollEntry e : entries) {
                        if (!e.membershipNumber.equals(change.membershipNumber)) {
                            electors.add(e.elector());
                        }
                    }
                    if ("add".equals(change.action)) {
                        electors.add(new Elector(member.membershipNumber, member.displayName(), member.email, member.branch,
                                member.address));
                    }
                    return CanonicalRoll.of(electors);
                }))
                .chain(roll -> writer.write(s, rule, base.version + 1, roll, 1, caller.name()))
                .invoke(v -> {
                    change.status = "approved";
                    change.approvedBy = caller.name();
                    change.approvedAt = v.frozenAt;
                    change.resultVersion = v.version;
                })
                .call(v -> audit.record(AuditAction.named("roll.change.approve").in(RollService.scope(s))
                        .on("roll-change/" + change.id).before(AuditState.of(RollService.published(base)))
                        .after(AuditState.of(RollService.published(v))).reason(change.reason)
                        .coSignedBy(change.proposedBySubject).build()))
                .map(v -> writer.view(s, v));
    }

    private static Uni<RollVersion> frozen(Selection s) {
        return RollService.latest(s.id).onItem().ifNull().failWith(() -> ProblemException.conflict(
                "roll-not-frozen", "the roll of selection " + s.id + " is not frozen yet"));
    }

    /** The member an addition puts on the roll (null for a removal), if the change can apply to this version. */
    private static Uni<Member> applicable(Selection s, RollVersion v, String action, String membershipNumber) {
        String number = membershipNumber.trim();
        return RollEntry.count("selectionId = ?1 and version = ?2 and membershipNumber = ?3", s.id, v.version, number)
                .chain(onRoll -> {
                    if ("remove".equals(action)) {
                        if (onRoll == 0) {
                            throw ProblemException.conflict("not-on-roll", "member " + number
                                    + " is not on version " + v.version + " of the roll");
                        }
                        return Uni.createFrom().nullItem();
                    }
                    if (onRoll > 0) {
                        throw ProblemException.conflict("already-on-roll", "member " + number
                                + " is already on version " + v.version + " of the roll");
                    }
                    return Member.<Member>findById(new Member.Key(s.constituency, number))
                            .onItem().ifNull().failWith(() -> ProblemException.badRequest("unknown member "
                                    + number, List.of("membershipNumber: no such member in " + s.constituency)));
                });
    }
}
