package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.selectorate.integrity.seal.CodeSeal;
import org.selectorate.testkit.EmbeddedPlatform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Other services' events as their outbox relays produce them, and the SMTP server's mail, for member-mail tests. */
public final class MailEvents {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    /** The public half of the test-only key pair whose private half %test points the service at. */
    private static final RSAPublicKey CODE_KEY = codeKey();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MailEvents() {
    }

    /** {@code code} sealed as ballot-service seals it for this service, for the mail to {@code email} (ballot). */
    public static String sealed(String code, String ballot, String email) {
        return CodeSeal.sealer(CODE_KEY, RANDOM).seal(code, ballot, email);
    }

    public static void send(String topic, String key, String type, Object payload) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MimeMessage> awaitMail(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() >= count);
        return messagesTo(email);
    }

    public static List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(SmtpServer.received().getReceivedMessages())
                .filter(m -> recipients(m).contains(email))
                .toList();
    }

    public static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPublicKey codeKey() {
        try (InputStream in = MailEvents.class.getResourceAsStream("/code-seal/public.key")) {
            return CodeSeal.publicKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
