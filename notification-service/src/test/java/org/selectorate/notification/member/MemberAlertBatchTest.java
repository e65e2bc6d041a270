package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Member mail consumed a poll at a time: a redelivered batch, or an event repeated within one, mails nobody twice. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class MemberAlertBatchTest {
    private static final int MEMBERS = 60;

    @Inject
    Pool pool;

    @Test
    void aRedeliveredBatchMailsEachMemberOnce() {
        String ballot = "b-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String email = "batch-" + i + "-" + ballot + "@example.org";
            batch.add(record(ballot, AccessCodeIssued.TYPE, new AccessCodeIssued(ballot, "Final ballot", email,
                    "Member " + i, MailEvents.sealed("7K3M-9QXP-2H4D-W8RT", ballot, email),
                    Instant.parse("2026-12-01T18:00:00Z"))));
            batch.add(record(ballot, CredentialIssued.TYPE, new CredentialIssued(ballot, "Final ballot", email,
                    "online", LocalDate.now())));
        }
        // An event repeated within one batch, then the whole batch delivered again.
        batch.add(batch.get(0));
        produce(batch);
        produce(batch);

        // Access-code rows stay (sent, one per elector); "issued in your name" rows are deleted once sent.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alerts(ballot, "sent") == MEMBERS && alerts(ballot, null) == MEMBERS);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> alerts(ballot, "pending") == 0);
        assertEquals((long) MEMBERS, alerts(ballot, null), "each access code is one row, and nothing else stays");
        assertEquals(2L, MailEvents.messagesTo("batch-0-" + ballot + "@example.org").size());
        assertEquals(2L, MailEvents.messagesTo("batch-" + (MEMBERS - 1) + "-" + ballot + "@example.org").size());
    }

    private long alerts(String ballot, String status) {
        return pool.preparedQuery("select count(*) from member_alert where ballot_id = $1 and ($2::text is null or status = $2)")
                .execute(Tuple.of(ballot, status)).await().indefinitely().iterator().next().getLong(0);
    }

    private static ProducerRecord<String, String> record(String ballot, String type, Object payload) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CREDENTIALS, ballot,
                    MailEvents.JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            return record;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the records in one go, so the listener reads them in as few polls as it can. */
    private static void produce(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), new StringSerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
