package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Keeps each selection's committee and turns every timetable event into one pending notice per member
 * serving at that moment. Committee and timetable events share the selection id as key, so they arrive in
 * the order ballot-service committed them.
 */
@ApplicationScoped
public class CommitteeListener {
    static final String CONSUMER = "notification-service-notices";
    private static final Logger LOG = Logger.getLogger(CommitteeListener.class);

    private final Inbox inbox;
    private final ObjectMapper json;

    public CommitteeListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("committee")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        return switch (type) {
            case CommitteeAppointed.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> appointed(read(payload, CommitteeAppointed.class)));
            case CommitteeMemberRemoved.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> removed(read(payload, CommitteeMemberRemoved.class)));
            case TimetableEvent.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> timetable(read(payload, TimetableEvent.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    /** A member appointed after some steps were announced is sent each of them, in order. */
    private Uni<Void> appointed(CommitteeAppointed event) {
        return CommitteeSeat.<CommitteeSeat>findById(event.memberId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            CommitteeSeat seat = new CommitteeSeat();
            seat.memberId = event.memberId();
            seat.selectionId = event.selectionId();
            seat.name = event.name();
            seat.email = event.email();
            seat.role = event.role();
            seat.region = event.region();
            seat.constituency = event.constituency();
            seat.appointedAt = Instant.now();
            return seat.persist()
                    .chain(() -> TimetableStep.<TimetableStep>list("selectionId = ?1 order by id", event.selectionId()))
                    .chain(steps -> persistAll(steps.stream().map(step -> step.noticeTo(seat, seat.appointedAt)).toList()));
        });
    }

    private Uni<Void> removed(CommitteeMemberRemoved event) {
        return CommitteeSeat.<CommitteeSeat>findById(event.memberId()).invoke(seat -> {
            if (seat != null && seat.removedAt == null) {
                seat.removedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> timetable(TimetableEvent event) {
        TimetableStep step = new TimetableStep();
        step.selectionId = event.selectionId();
        step.ballotId = event.ballotId();
        step.kind = event.kind();
        step.eventAt = event.at();
        step.summary = event.summary();
        step.receivedAt = Instant.now();
        return step.persist()
                .chain(() -> CommitteeSeat.<CommitteeSeat>list(
                        "selectionId = ?1 and removedAt is null order by appointedAt, memberId", event.selectionId()))
                .invoke(seats -> {
                    if (seats.isEmpty()) {
                        LOG.warnf("selection %s has no committee yet to tell of %s", event.selectionId(), event.kind());
                    }
                })
                .chain(seats -> persistAll(seats.stream().map(seat -> step.noticeTo(seat, step.receivedAt)).toList()));
    }

    /** One at a time: a reactive session runs one statement at a time. */
    private static Uni<Void> persistAll(List<Notice> notices) {
        return Multi.createFrom().iterable(notices)
                .onItem().transformToUniAndConcatenate(n -> n.persist())
                .collect().last()
                .replaceWithVoid();
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
