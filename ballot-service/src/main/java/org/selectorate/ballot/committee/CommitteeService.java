package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A selection's committee; each change is announced so notification-service knows whom to tell, and is on the audit
 * log (the member's email and webhook as hashes only: a contact, and a URL that may hold a secret).
 */
@ApplicationScoped
public class CommitteeService {
    private final Outbox outbox;
    private final AuditTrail audit;

    public CommitteeService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<CommitteeViews.MemberView> appoint(UUID selectionId, CommitteeViews.NewMember request, Caller caller) {
        String email = request.email().strip();
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId))
                .call(s -> CommitteeMember.count("selectionId = ?1 and lower(email) = lower(?2) and removedAt is null",
                        s.id, email).invoke(n -> {
                    if (n > 0) {
                        throw ProblemException.conflict("committee-member-exists",
                                "someone with this email is already on the committee");
                    }
                }))
                .chain(s -> {
                    CommitteeMember member = new CommitteeMember();
                    member.id = UUID.randomUUID();
                    member.selectionId = s.id;
                    member.name = request.name().strip();
                    member.email = email;
                    member.role = request.role();
                    member.webhook = request.webhook();
                    member.appointedBy = caller.name();
                    member.appointedAt = Instant.now();
                    return member.<CommitteeMember>persist()
                            .call(m -> outbox.record(Topics.BALLOTS, s.id.toString(), CommitteeAppointed.TYPE,
                                    new CommitteeAppointed(s.id.toString(), m.id.toString(), m.name, m.email, m.role,
                                            s.region, s.constituency, m.webhook)))
                            .call(m -> audit.record(AuditAction.named("committee.appoint").in(s.auditScope())
                                    .on(target(s, m)).after(AuditState.of(audited(m))).build()));
                })
                .map(CommitteeViews.MemberView::of);
    }

    @WithSession
    public Uni<List<CommitteeViews.MemberView>> list(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> CommitteeMember.<CommitteeMember>list(
                        "selectionId = ?1 and removedAt is null order by appointedAt, name", s.id))
                .map(members -> members.stream().map(CommitteeViews.MemberView::of).toList());
    }

    @WithTransaction
    public Uni<Void> remove(UUID selectionId, UUID memberId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId))
                .chain(s -> CommitteeMember.<CommitteeMember>find("id = ?1 and selectionId = ?2 and removedAt is null",
                                memberId, s.id).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("committee member " + memberId))
                        .call(m -> {
                            Map<String, Object> before = audited(m);
                            m.removedAt = Instant.now();
                            return outbox.record(Topics.BALLOTS, s.id.toString(), CommitteeMemberRemoved.TYPE,
                                            new CommitteeMemberRemoved(s.id.toString(), m.id.toString()))
                                    .call(() -> audit.record(AuditAction.named("committee.remove").in(s.auditScope())
                                            .on(target(s, m)).before(AuditState.of(before))
                                            .after(AuditState.of(audited(m))).build()));
                        }))
                .replaceWithVoid();
    }

    private static String target(Selection s, CommitteeMember m) {
        return s.auditTarget() + "/committee/" + m.id;
    }

    /** A member as the audit log keeps them: name and role as appointed; email and webhook as SHA-256 (hex). */
    private static Map<String, Object> audited(CommitteeMember m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name);
        out.put("role", m.role);
        out.put("email", sha256(m.email.toLowerCase(Locale.ROOT)));
        out.put("webhook", m.webhook == null ? null : sha256(m.webhook));
        out.put("removedAt", m.removedAt == null ? null : m.removedAt.toString());
        return out;
    }

    private static String sha256(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
