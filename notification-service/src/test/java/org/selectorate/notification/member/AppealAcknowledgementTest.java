package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AppealAcknowledged;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member's appeal is acknowledged by mail, once, with its reference and the day it was lodged. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class AppealAcknowledgementTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theMemberIsToldTheirAppealWasLodgedOnce() throws Exception {
        String email = "a" + UUID.randomUUID() + "@example.org";
        String eventId = UUID.randomUUID().toString();
        AppealAcknowledged event = new AppealAcknowledged("b-appeal", "s-appeal", "Final ballot, Northtown", email,
                "Grace Hopper", "AP-7K3M9QXP2H", LocalDate.of(2026, 12, 3));
        send(eventId, event);
        send(eventId, event);
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() >= 1);
        Thread.sleep(1500);
        List<MimeMessage> mail = messagesTo(email);
        assertEquals(1, mail.size(), "a repeated event sends no second acknowledgement");
        assertEquals("Appeal AP-7K3M9QXP2H lodged: Final ballot, Northtown", mail.get(0).getSubject());
        String body = mail.get(0).getContent().toString();
        assertTrue(body.contains("Grace Hopper") && body.contains("AP-7K3M9QXP2H") && body.contains("3 December 2026")
                && body.contains("without your name"), body);
    }

    private static List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(SmtpServer.received().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.toString(m.getRecipients(Message.RecipientType.TO)).contains(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static void send(String id, AppealAcknowledged payload) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CREDENTIALS, payload.ballotId(),
                    JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", AppealAcknowledged.TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
