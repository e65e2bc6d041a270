package org.selectorate.notification.notice;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.notification.mailing.MailingCandidate;
import org.selectorate.notification.webhook.Webhooks;

import java.time.Instant;
import java.util.List;

/**
 * Turns timetable steps into notices, in the transaction that received them: one pending notice per member
 * serving, a webhook delivery to each member who has one, and one to each subscription asking for the step's kind;
 * a declared result also one notice per candidate.
 */
@ApplicationScoped
public class NoticeWriter {
    private static final Logger LOG = Logger.getLogger(NoticeWriter.class);

    private final Webhooks webhooks;
    private final NoticeConfig config;

    public NoticeWriter(Webhooks webhooks, NoticeConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    /** A new step, told to every member serving now, and to webhooks as a {@link TimetableEvent} of its kind. */
    Uni<Void> step(TimetableStep step) {
        return step(step, step.kind, new TimetableEvent(step.selectionId, step.ballotId, step.kind, step.eventAt,
                step.summary, MeetingJson.read(step.meeting)));
    }

    /** A new step, told to every member serving now, and to the subscriptions asking for {@code webhookType}. */
    Uni<Void> step(TimetableStep step, String webhookType, Object webhookData) {
        return step.persist()
                .chain(() -> CommitteeSeat.<CommitteeSeat>list(
                        "selectionId = ?1 and removedAt is null order by appointedAt, memberId", step.selectionId))
                .invoke(seats -> {
                    if (seats.isEmpty()) {
                        LOG.warnf("selection %s has no committee yet to tell of %s", step.selectionId, step.kind);
                    }
                })
                .chain(seats -> sequentially(seats, seat -> notify(step, seat, step.receivedAt)))
                .chain(() -> webhooks.publish(step.selectionId, webhookType, webhookData));
    }

    /**
     * The step told to every candidate of the selection, withdrawn or not (they stood in it), at the address
     * ballot-service holds for them; a candidate with none cannot be sent it, and is counted in the log.
     */
    Uni<Void> toCandidates(TimetableStep step) {
        return MailingCandidate.<MailingCandidate>list("selectionId = ?1 order by candidateId", step.selectionId)
                .chain(candidates -> {
                    List<MailingCandidate> reachable = candidates.stream()
                            .filter(c -> c.email != null && !c.email.isBlank()).toList();
                    if (reachable.size() < candidates.size()) {
                        LOG.warnf("selection %s: %d of %d candidates have no address to be told of %s",
                                step.selectionId, candidates.size() - reachable.size(), candidates.size(), step.kind);
                    }
                    return sequentially(reachable, c -> step.noticeTo(c, step.receivedAt, config.messageIdDomain())
                            .persist().replaceWithVoid());
                });
    }

    /** A member appointed after some steps were announced is sent each of them, in order. */
    Uni<Void> earlierSteps(CommitteeSeat seat) {
        return TimetableStep.<TimetableStep>list("selectionId = ?1 order by id", seat.selectionId)
                .chain(steps -> sequentially(steps, step -> notify(step, seat, seat.appointedAt)));
    }

    private Uni<Void> notify(TimetableStep step, CommitteeSeat seat, Instant now) {
        Notice notice = step.noticeTo(seat, now, config.messageIdDomain());
        return notice.persist().chain(() -> webhooks.toMember(seat.selectionId, seat.memberId, seat.webhook,
                NoticeViews.MemberWebhook.of(notice, seat, MeetingJson.read(notice.meeting))));
    }

    /** One at a time: a reactive session runs one statement at a time. */
    private static <T> Uni<Void> sequentially(List<T> items, java.util.function.Function<T, Uni<Void>> action) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(action::apply)
                .collect().last()
                .replaceWithVoid();
    }
}
