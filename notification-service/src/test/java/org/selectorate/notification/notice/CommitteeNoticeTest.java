package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.notice.NoticeAcknowledged;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.contracts.notice.NoticeFailed;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.testkit.EmbeddedPlatform;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class CommitteeNoticeTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Pattern ACK_LINK = Pattern.compile("https?://\\S+/api/notifications/public/notices/\\S+");
    private static final String REGION = "R-notice";
    private static final List<String> ROLES = List.of("procedures-secretary", "nec-representative",
            "regional-representative", "union-representative", "union-representative", "affiliate-representative",
            "constituency-officer");

    @Inject
    TestIdentityAssociation identities;

    @Test
    @TestSecurity(user = "sam", roles = "scrutineer")
    void everyMemberOfACommitteeOfSevenIsToldAndCanAcknowledgeOnce() throws Exception {
        as("sam", "scrutineer", REGION);
        String selection = UUID.randomUUID().toString();
        List<String> emails = appointCommittee(selection, ROLES.size());
        String ballot = UUID.randomUUID().toString();
        Instant closesAt = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        send(selection, TimetableEvent.TYPE, new TimetableEvent(selection, ballot, TimetableEvent.BALLOT_SCHEDULED,
                closesAt, "Ballot scheduled: Northtown final", null), UUID.randomUUID().toString());

        for (String email : emails) {
            List<MimeMessage> mail = awaitMail(email, 1);
            assertEquals("Selection notice: Ballot scheduled: Northtown final", mail.get(0).getSubject());
        }
        List<NoticeDelivered> delivered = awaitEvents(selection, NoticeDelivered.TYPE, 7).stream()
                .map(r -> read(r, NoticeDelivered.class)).toList();
        assertTrue(delivered.stream().allMatch(d -> d.kind().equals(TimetableEvent.BALLOT_SCHEDULED)));
        assertEquals(7, delivered.stream().map(NoticeDelivered::memberId).distinct().count());

        JsonPath ledger = ledger(selection, 7);
        assertEquals(List.of("delivered"), ledger.<String>getList("status").stream().distinct().toList());
        assertEquals(2, ledger.<String>getList("role").stream().filter("union-representative"::equals).count());
        assertEquals(Set.copyOf(emails), Set.copyOf(ledger.getList("recipient")));
        assertTrue(ledger.getList("deliveredAt").stream().allMatch(java.util.Objects::nonNull));
        assertTrue(ledger.getList("acknowledgedAt").stream().allMatch(java.util.Objects::isNull));

        // A mail scanner (or the member) follows the link in the second union representative's mail: a page with
        // the notice and a button, and nothing acknowledged.
        URI link = URI.create(ackLink(awaitMail(emails.get(4), 1).get(0)));
        String path = link.getRawPath() + "?" + link.getRawQuery();
        String token = link.getRawQuery().substring("token=".length());
        given().get(path).then().statusCode(200).contentType(startsWith("text/html"))
                .header("X-Frame-Options", "DENY").header("Cache-Control", "no-store")
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Ballot scheduled: Northtown final")).body(containsString(selection))
                .body(containsString("<form method=\"post\" action=\"" + link.getRawPath() + "\">"))
                .body(containsString("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"))
                .body(containsString("<button type=\"submit\">"));
        given().get(path).then().statusCode(200);
        assertTrue(ledger(selection, 7).getList("acknowledgedAt").stream().allMatch(java.util.Objects::isNull),
                "following the link acknowledges nothing");

        // A forged or missing token is refused: a plain page for GET, problem details for POST; nothing changes.
        String noticeId = link.getRawPath().split("/")[5];
        String forged = "A".repeat(43);
        given().get(link.getRawPath() + "?token=" + forged).then().statusCode(403).contentType(startsWith("text/html"))
                .body(containsString("not valid")).body(not(containsString("<form")));
        given().get(link.getRawPath()).then().statusCode(403).contentType(startsWith("text/html"));
        given().contentType(ContentType.URLENC).formParam("token", forged).post(link.getRawPath()).then()
                .statusCode(403).contentType("application/problem+json");
        given().accept(ContentType.JSON).post(link.getRawPath() + "?token=" + forged).then().statusCode(403)
                .contentType("application/problem+json");
        given().accept(ContentType.JSON).post(link.getRawPath()).then().statusCode(403);
        // A genuine token is bound to its notice: it does not acknowledge another.
        given().accept(ContentType.JSON).post("/api/notifications/public/notices/" + UUID.randomUUID() + "/ack?"
                + link.getRawQuery()).then().statusCode(403);
        assertTrue(ledger(selection, 7).getList("acknowledgedAt").stream().allMatch(java.util.Objects::isNull),
                "a forged token acknowledges nothing");

        // The member presses the button (a browser's form POST); an API client then POSTs the link itself.
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").contentType(ContentType.URLENC)
                .formParam("token", token).post(link.getRawPath()).then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("Thank you"));
        String first = ledger(selection, 7).getString("find { it.acknowledgedAt != null }.acknowledgedAt");
        assertNotNull(first);
        given().accept(ContentType.JSON).contentType(ContentType.URLENC).post(path).then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("noticeId", equalTo(noticeId)).body("kind", equalTo(TimetableEvent.BALLOT_SCHEDULED))
                .body("acknowledgedAt", equalTo(first));
        given().get(path).then().statusCode(200).body(containsString("already acknowledged"))
                .body(not(containsString("<form")));

        NoticeAcknowledged ack = read(awaitEvents(selection, NoticeAcknowledged.TYPE, 1).get(0), NoticeAcknowledged.class);
        assertEquals(noticeId, ack.noticeId());
        Thread.sleep(1500);
        assertEquals(1, awaitEvents(selection, NoticeAcknowledged.TYPE, 1).size(), "acknowledged once");
        JsonPath after = ledger(selection, 7);
        List<String> acknowledged = after.<String>getList("findAll { it.acknowledgedAt != null }.recipient");
        assertEquals(List.of(emails.get(4)), acknowledged);
    }

    @Test
    @TestSecurity(user = "sam", roles = "scrutineer")
    void anAddressTheMailerRefusesEndsFailedAfterItsRetriesAndARemovedMemberIsNotTold() throws Exception {
        as("sam", "committee-member", REGION);
        String selection = UUID.randomUUID().toString();
        List<String> emails = appointCommittee(selection, 2);
        String broken = "broken-" + UUID.randomUUID().toString().substring(0, 8) + "@";
        String brokenId = UUID.randomUUID().toString();
        send(selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, brokenId, "Uri Union", broken,
                "union-representative", REGION, "C-1", null), UUID.randomUUID().toString());
        String removedId = UUID.randomUUID().toString();
        String removedEmail = "gone-" + UUID.randomUUID() + "@example.org";
        send(selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, removedId, "Gone Officer",
                removedEmail, "constituency-officer", REGION, "C-1", null), UUID.randomUUID().toString());
        send(selection, CommitteeMemberRemoved.TYPE, new CommitteeMemberRemoved(selection, removedId),
                UUID.randomUUID().toString());
        String eventId = UUID.randomUUID().toString();
        TimetableEvent opened = new TimetableEvent(selection, UUID.randomUUID().toString(), TimetableEvent.BALLOT_OPENED,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), "Ballot opened: Southtown final", null);
        send(selection, TimetableEvent.TYPE, opened, eventId);
        send(selection, TimetableEvent.TYPE, opened, eventId); // redelivered: no second notice

        NoticeFailed failed = read(awaitEvents(selection, NoticeFailed.TYPE, 1).get(0), NoticeFailed.class);
        assertEquals(brokenId, failed.memberId());
        assertEquals(3, failed.attempts());
        assertEquals(TimetableEvent.BALLOT_OPENED, failed.kind());
        assertEquals(2, awaitEvents(selection, NoticeDelivered.TYPE, 2).size());

        JsonPath ledger = ledger(selection, 3);
        assertEquals("failed", ledger.getString("find { it.memberId == '" + brokenId + "' }.status"));
        assertEquals(3, ledger.getInt("find { it.memberId == '" + brokenId + "' }.attempts"));
        assertEquals(List.of("delivered", "delivered"),
                ledger.<String>getList("findAll { it.memberId != '" + brokenId + "' }.status"));
        assertTrue(messagesTo(removedEmail).isEmpty(), "a removed member is not told");
        for (String email : emails) {
            assertEquals(1, messagesTo(email).size(), "one notice per member for a redelivered event");
        }

        as("other", "scrutineer", "R-elsewhere");
        given().get("/api/notifications/selections/" + selection + "/notices").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "sam", roles = "scrutineer")
    void aMemberAppointedAfterTheBallotWasScheduledIsStillToldOfIt() throws Exception {
        as("sam", "scrutineer", REGION);
        String selection = UUID.randomUUID().toString();
        List<String> first = appointCommittee(selection, 1);
        send(selection, TimetableEvent.TYPE, new TimetableEvent(selection, UUID.randomUUID().toString(),
                TimetableEvent.BALLOT_SCHEDULED, Instant.now().plus(2, ChronoUnit.DAYS), "Ballot scheduled: Westtown", null),
                UUID.randomUUID().toString());
        awaitMail(first.get(0), 1);
        String late = "late-" + UUID.randomUUID() + "@example.org";
        String lateId = UUID.randomUUID().toString();
        send(selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, lateId, "Late Union", late,
                "union-representative", REGION, "C-1", null), UUID.randomUUID().toString());

        assertEquals("Selection notice: Ballot scheduled: Westtown", awaitMail(late, 1).get(0).getSubject());
        NoticeDelivered delivered = awaitEvents(selection, NoticeDelivered.TYPE, 2).stream()
                .map(r -> read(r, NoticeDelivered.class)).filter(d -> d.memberId().equals(lateId)).findFirst()
                .orElseThrow();
        assertEquals(TimetableEvent.BALLOT_SCHEDULED, delivered.kind());
        assertEquals(1, messagesTo(first.get(0)).size(), "the first member is not told twice");
    }

    @Test
    @TestSecurity(user = "cand", roles = "candidate")
    void candidatesDoNotReadTheLedger() {
        given().get("/api/notifications/selections/" + UUID.randomUUID() + "/notices").then().statusCode(403);
    }

    /** Switches the caller; their token's claims name {@code region}. */
    private void as(String user, String role, String region) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", List.of(region));
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRole(role).build());
    }

    private static List<String> appointCommittee(String selection, int size) throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String email = "c" + i + "-" + UUID.randomUUID() + "@example.org";
            emails.add(email);
            send(selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, UUID.randomUUID().toString(),
                    "Member " + i, email, ROLES.get(i), REGION, "C-1", null), UUID.randomUUID().toString());
        }
        return emails;
    }

    private static JsonPath ledger(String selection, int size) {
        String path = "/api/notifications/selections/" + selection + "/notices";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path).then().statusCode(200)
                .body("size()", equalTo(size))
                .body("findAll { it.status == 'pending' }.size()", equalTo(0)));
        return given().get(path).then().extract().jsonPath();
    }

    private static String ackLink(MimeMessage message) throws Exception {
        Matcher m = ACK_LINK.matcher(message.getContent().toString());
        assertTrue(m.find(), "the notice carries an acknowledgement link");
        return m.group();
    }

    private static List<MimeMessage> awaitMail(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() >= count);
        return messagesTo(email);
    }

    private static List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(SmtpServer.received().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.toString(m.getRecipients(Message.RecipientType.TO)).contains(email);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<ConsumerRecord<String, String>> awaitEvents(String key, String type, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.NOTICES));
            Instant deadline = Instant.now().plusSeconds(30);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var header = r.headers().lastHeader("ce_type");
                    if (key.equals(r.key()) && header != null
                            && type.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                        found.add(r);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " " + type + " for " + key + ", found " + found.size());
        }
        return found;
    }

    private static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return JSON.readValue(record.value(), type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void send(String key, String type, Object payload, String id) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BALLOTS, key, JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
