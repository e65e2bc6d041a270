package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.notice.NoticeAcknowledged;
import org.selectorate.contracts.notice.NoticeBounced;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.notification.mailing.MailingCandidate;
import org.selectorate.notification.webhook.Webhooks;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Acknowledgements, bounces and the per-selection ledger of notices. */
@ApplicationScoped
public class NoticeService {
    private final AckSigner signer;
    private final Outbox outbox;
    private final Webhooks webhooks;
    private final AuditTrail audit;

    public NoticeService(AckSigner signer, Outbox outbox, Webhooks webhooks, AuditTrail audit) {
        this.signer = signer;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    /**
     * What the acknowledgement page shows. Reads only: a mail scanner or link previewer that follows the link
     * acknowledges nothing.
     */
    @WithSession
    public Uni<NoticeViews.ToAcknowledge> toAcknowledge(UUID noticeId, String token) {
        return signed(noticeId, token).map(n -> new NoticeViews.ToAcknowledge(n.id, n.selectionId, n.ballotId, n.kind,
                n.summary, n.eventAt, n.acknowledgedAt));
    }

    /**
     * The first confirmation (a POST) with a correctly signed token records the acknowledgement and emits
     * {@link NoticeAcknowledged}; later ones change nothing.
     */
    @WithTransaction
    public Uni<NoticeViews.Acknowledgement> acknowledge(UUID noticeId, String token) {
        return signed(noticeId, token)
                .call(n -> {
                    if (n.acknowledgedAt != null) {
                        return Uni.createFrom().voidItem();
                    }
                    // At the database's precision, so the answer, the event and the ledger agree.
                    n.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    NoticeAcknowledged event = new NoticeAcknowledged(n.selectionId, n.id.toString(), n.memberId,
                            n.kind, n.acknowledgedAt);
                    return outbox.record(Topics.NOTICES, n.selectionId, NoticeAcknowledged.TYPE, event)
                            .chain(() -> webhooks.publish(n.selectionId, Webhooks.NOTICE_ACKNOWLEDGED, event));
                })
                .map(n -> new NoticeViews.Acknowledgement(n.id, n.kind, n.summary, n.acknowledgedAt));
    }

    /** The notice, if the token is its own; checked before the notice is looked up, so a forged link learns nothing. */
    private Uni<Notice> signed(UUID noticeId, String token) {
        if (!signer.verify(noticeId, token)) {
            return Uni.createFrom().failure(ProblemException.forbidden("this acknowledgement link is not valid"));
        }
        return Notice.<Notice>findById(noticeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("notice " + noticeId));
    }

    /**
     * A mail provider's bounce report, matched by the notice's Message-ID. A permanent bounce makes the notice
     * {@code bounced}: no longer delivered, and ballot-service stops counting it. Once bounced for good, further
     * reports change nothing. A report that changes the notice is on the audit log: a bounce takes a member's
     * notice out of the count that gates the ballot, so who reported it matters.
     */
    @WithTransaction
    public Uni<NoticeViews.Bounce> bounce(String messageId, String reason, boolean permanent) {
        String id = messageId.strip().startsWith("<") ? messageId.strip() : "<" + messageId.strip() + ">";
        return Notice.find("messageId", id).<Notice>firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("notice with Message-ID " + id))
                .call(n -> {
                    if (Notice.BOUNCED.equals(n.status)) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> before = Map.of("status", n.status);
                    n.bouncedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    n.bounceReason = reason.strip();
                    n.bouncePermanent = permanent;
                    if (permanent) {
                        n.status = Notice.BOUNCED;
                    }
                    NoticeBounced event = new NoticeBounced(n.selectionId, n.id.toString(), n.memberId, n.kind,
                            n.messageId, n.bounceReason, permanent, n.bouncedAt);
                    return outbox.record(Topics.NOTICES, n.selectionId, NoticeBounced.TYPE, event)
                            .chain(() -> webhooks.publish(n.selectionId, Webhooks.NOTICE_BOUNCED, event))
                            .chain(() -> SelectionArea.of(n.selectionId))
                            .chain(area -> audit.record(AuditAction.named("notice.bounce")
                                    .in(AuditScope.selection(area.region, area.constituency, n.selectionId))
                                    .on("selection/" + n.selectionId + "/notice/" + n.id)
                                    .before(AuditState.of(before))
                                    .after(AuditState.of(Map.of("status", n.status, "permanent", permanent)))
                                    .reason(n.bounceReason).build()));
                })
                .map(n -> new NoticeViews.Bounce(n.id, n.messageId, n.status, Boolean.TRUE.equals(n.bouncePermanent),
                        n.bounceReason, n.bouncedAt));
    }

    /**
     * The selection's notices, for callers covering its area. Out of area looks the same as absent, whether or not
     * the selection has a committee yet.
     */
    @WithSession
    public Uni<List<NoticeViews.LedgerEntry>> ledger(String selectionId, Caller caller) {
        return SelectionArea.of(selectionId)
                .invoke(area -> {
                    if (area == null || !caller.covers(area.region, area.constituency)) {
                        throw ProblemException.notFound("selection " + selectionId);
                    }
                })
                .chain(() -> CommitteeSeat.<CommitteeSeat>list("selectionId", selectionId))
                .chain(seats -> MailingCandidate.<MailingCandidate>list("selectionId", selectionId).chain(candidates -> {
                    Map<String, CommitteeSeat> byId = seats.stream()
                            .collect(Collectors.toMap(s -> s.memberId, Function.identity()));
                    Map<String, String> candidateNames = candidates.stream()
                            .collect(Collectors.toMap(c -> c.candidateId, c -> c.name));
                    return Notice.<Notice>list("selectionId = ?1 order by createdAt, kind, memberId", selectionId)
                            .map(notices -> notices.stream().map(n -> Notice.CANDIDATE.equals(n.audience)
                                    ? NoticeViews.LedgerEntry.of(n, candidateNames.get(n.memberId), Notice.CANDIDATE)
                                    : NoticeViews.LedgerEntry.of(n, byId.get(n.memberId).name,
                                            byId.get(n.memberId).role)).toList());
                }));
    }
}
