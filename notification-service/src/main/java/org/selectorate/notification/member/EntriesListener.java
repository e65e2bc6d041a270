package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.record.EntriesRecorded;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Learns which trackers are on each ballot's record (public data). Inserting a tracker twice changes nothing, so
 * a redelivered event needs no inbox; {@link ReceiptService} sends the receipts waiting for them.
 */
@ApplicationScoped
public class EntriesListener {
    private final Pool pool;
    private final ObjectMapper json;

    public EntriesListener(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    @Incoming("records")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        if (!EntriesRecorded.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        EntriesRecorded event = read(message.getPayload());
        return pool.preparedQuery("insert into recorded_tracker (ballot_id, tracker) select $1, unnest($2::text[]) "
                        + "on conflict do nothing")
                .execute(Tuple.of(event.ballotId(), event.trackers().toArray(String[]::new)))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    private EntriesRecorded read(String payload) {
        try {
            return json.readValue(payload, EntriesRecorded.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable EntriesRecorded", e);
        }
    }
}
