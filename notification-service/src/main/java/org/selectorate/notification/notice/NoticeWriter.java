package org.selectorate.notification.notice;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.notification.webhook.Webhooks;

import java.time.Instant;
import java.util.List;

/**
 * Turns timetable steps into notices, in the transaction that received them: one pending notice per member
 * serving, a webhook delivery to each member who has one, and one to each subscription asking for the step's kind.
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

    /** A new step, told to every member serving now. */
    Uni<Void> step(TimetableStep step) {
        return step.persist()
                .chain(() -> CommitteeSeat.<CommitteeSeat>list(
                        "selectionId = ?1 and removedAt is null order by appointedAt, memberId", step.selectionId))
                .invoke(seats -> {
                    if (seats.isEmpty()) {
                        LOG.warnf("selection %s has no committee yet to tell of %s", step.selectionId, step.kind);
                    }
                })
                .chain(seats -> sequentially(seats, seat -> notify(step, seat, step.receivedAt)))
                .chain(() -> webhooks.publish(step.selectionId, step.kind, new TimetableEvent(step.selectionId,
                        step.ballotId, step.kind, step.eventAt, step.summary, MeetingJson.read(step.meeting))));
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
