package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Keeps each selection's area and committee and turns every timetable event into one pending notice per member
 * serving at that moment; a meeting's step also becomes its notice to the electors it summons. Committee and
 * timetable events share the selection id as key, so they arrive in the order ballot-service committed them.
 */
@ApplicationScoped
public class CommitteeListener {
    static final String CONSUMER = "notification-service-notices";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final NoticeWriter writer;
    private final MemberMeetingNotices members;

    public CommitteeListener(Inbox inbox, ObjectMapper json, NoticeWriter writer, MemberMeetingNotices members) {
        this.inbox = inbox;
        this.json = json;
        this.writer = writer;
        this.members = members;
    }

    @Incoming("committee")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        return switch (type) {
            case SelectionCreated.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> created(read(payload, SelectionCreated.class)));
            case CommitteeAppointed.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> appointed(read(payload, CommitteeAppointed.class)));
            case CommitteeMemberRemoved.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> removed(read(payload, CommitteeMemberRemoved.class)));
            case TimetableEvent.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> timetable(read(payload, TimetableEvent.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private Uni<Void> created(SelectionCreated event) {
        return SelectionArea.<SelectionArea>findById(event.selectionId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            SelectionArea area = new SelectionArea();
            area.selectionId = event.selectionId();
            area.region = event.region();
            area.constituency = event.constituency();
            return area.persist().replaceWithVoid();
        });
    }

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
            seat.webhook = event.webhook();
            seat.appointedAt = Instant.now();
            return seat.persist().chain(() -> writer.earlierSteps(seat));
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
        step.meeting = MeetingJson.write(event.meeting());
        step.receivedAt = Instant.now();
        return writer.step(step).chain(() -> members.step(event));
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
