package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.AccessCodeRevoked;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class MemberAlertTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void accessCodeReachesTheMemberOnceEvenIfTheEventRepeats() throws Exception {
        String email = "m" + UUID.randomUUID() + "@example.org";
        String eventId = UUID.randomUUID().toString();
        AccessCodeIssued event = new AccessCodeIssued("b-1", "Final ballot, Northtown", email, "Ada Lovelace",
                MailEvents.sealed("7K3M-9QXP-2H4D-W8RT", "b-1", email), Instant.parse("2026-12-01T18:00:00Z"));
        send(eventId, AccessCodeIssued.TYPE, event);
        List<MimeMessage> inbox = awaitMail(email, 1);
        String body = inbox.get(0).getContent().toString();
        assertTrue(body.contains("7K3M-9QXP-2H4D-W8RT"), body);
        assertTrue(body.contains("Ada Lovelace"), body);

        send(eventId, AccessCodeIssued.TYPE, event);
        // A different event for the same member proves the listener is still consuming.
        send(UUID.randomUUID().toString(), CredentialIssued.TYPE,
                new CredentialIssued("b-1", "Final ballot, Northtown", email, "online", LocalDate.now()));
        List<MimeMessage> after = awaitMail(email, 2);
        Thread.sleep(1500);
        assertEquals(2, messagesTo(email).size(), "the repeated event must not send a second access code");
        assertTrue(after.stream().anyMatch(m -> subject(m).startsWith("A ballot was issued in your name")));
    }

    @Test
    void aMemberTakenOffAnOpenBallotsRollIsToldTheirCodeNoLongerWorks() throws Exception {
        String email = "r" + UUID.randomUUID() + "@example.org";
        send(UUID.randomUUID().toString(), AccessCodeRevoked.TYPE,
                new AccessCodeRevoked("b-1", "Final ballot, Northtown", email, "Grace Hopper"));
        MimeMessage mail = awaitMail(email, 1).get(0);
        assertEquals("You are no longer on the roll: Final ballot, Northtown", subject(mail));
        String body = mail.getContent().toString();
        assertTrue(body.contains("Grace Hopper") && body.contains("no longer works")
                && body.contains("tell the procedures secretary and the scrutineer"), body);
    }

    private static List<MimeMessage> awaitMail(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() >= count);
        return messagesTo(email);
    }

    private static List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(SmtpServer.received().getReceivedMessages())
                .filter(m -> recipients(m).contains(email))
                .toList();
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String id, String type, Object payload) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CREDENTIALS, "b-1", JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
