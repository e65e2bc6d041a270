package org.selectorate.support.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event written in the same transaction as the change it describes; {@link OutboxRelay} sends it to Kafka
 * afterwards, so a crash between the two loses nothing.
 *
 * @param seq     keeps relay order equal to insertion order within one service
 * @param eventId the CloudEvents id: consumers use it to apply each event once
 */
record OutboxEvent(long seq, UUID eventId, String topic, String key, String type, String payload,
                   OffsetDateTime createdAt) {
}
