package org.selectorate.notification.mailing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.notification.notice.MemberMeetingNotices;
import org.selectorate.support.inbox.Redelivery;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps each frozen roll version's electors with their branch and the email held at the freeze: the electorate of
 * candidate mailings and of meeting notices. A chunk is stored once (its marker row and its electors commit
 * together), so a chunk delivered again, even under a new event id, changes nothing. The chunk that completes a
 * version sends, in its transaction, the notices of meetings still to come to that roll's electors
 * ({@link MemberMeetingNotices#rollCompleted}).
 */
@ApplicationScoped
public class ElectorateListener {
    private final Pool pool;
    private final ObjectMapper json;
    private final MemberMeetingNotices meetings;

    public ElectorateListener(Pool pool, ObjectMapper json, MemberMeetingNotices meetings) {
        this.pool = pool;
        this.json = json;
        this.meetings = meetings;
    }

    @Incoming("electorate")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        Uni<Void> effect = Redelivery.retried("notification-service.electorate", () -> switch (type) {
            case RollFrozen.TYPE -> frozen(read(message.getPayload(), RollFrozen.class));
            case RollEntries.TYPE -> entries(read(message.getPayload(), RollEntries.class));
            default -> Uni.createFrom().voidItem();
        }, UncheckedIOException.class::isInstance); // an unreadable event will not read better later
        return effect.chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    private Uni<Void> frozen(RollFrozen event) {
        return pool.preparedQuery("insert into mailing_roll (selection_id, version, chunks, electorate) "
                        + "values ($1, $2, $3, $4) on conflict do nothing")
                .execute(Tuple.of(event.selectionId(), event.version(), event.chunks(), event.electorate()))
                .replaceWithVoid();
    }

    private Uni<Void> entries(RollEntries event) {
        int n = event.electors().size();
        String[] numbers = new String[n];
        String[] emails = new String[n];
        String[] branches = new String[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = event.electors().get(i).membershipNumber();
            emails[i] = event.electors().get(i).email();
            branches[i] = event.electors().get(i).branch();
        }
        return pool.withTransaction(conn -> conn.preparedQuery("insert into mailing_roll_chunk (selection_id, version, "
                                + "chunk) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(event.selectionId(), event.version(), event.chunk()))
                .chain(marked -> marked.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("insert into roll_elector (selection_id, version, membership_number, "
                                        + "email, branch) select $1, $2, u.n, u.e, u.b "
                                        + "from unnest($3::text[], $4::text[], $5::text[]) as u(n, e, b) "
                                        + "on conflict do nothing")
                        .execute(Tuple.of(event.selectionId(), event.version(), numbers, emails, branches))
                        .chain(() -> conn.preparedQuery("select count(*) from mailing_roll_chunk "
                                        + "where selection_id = $1 and version = $2")
                                .execute(Tuple.of(event.selectionId(), event.version())))
                        .chain(stored -> stored.iterator().next().getLong(0) < event.chunks()
                                ? Uni.createFrom().voidItem()
                                : meetings.rollCompleted(conn, event.selectionId()))));
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
