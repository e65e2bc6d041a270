package org.selectorate.notification.notice;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.notice.NoticeBounced;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.notification.webhook.Receiver;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class MeetingNoticeTest {
    private static final String REGION = "R-meeting-notice";

    @Inject
    TestIdentityAssociation identities;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void meetingNoticesCarryAnInviteWhoseSequenceRisesAndAMemberWebhookGetsEachNoticeSigned() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String selection = UUID.randomUUID().toString();
            String una = UUID.randomUUID().toString();
            String unaEmail = "una-" + una + "@example.org";
            appoint(selection, una, "Una Union", unaEmail, receiver.url("/una"));
            String meetingId = UUID.randomUUID().toString();
            Instant starts = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            TimetableEvent.Meeting scheduled = new TimetableEvent.Meeting(meetingId, 0, "Hustings", starts,
                    starts.plusSeconds(3600), "Town Hall", null, null);
            TimetableEvent.Meeting changed = new TimetableEvent.Meeting(meetingId, 1, "Hustings", starts.plusSeconds(86400),
                    starts.plusSeconds(86400 + 5400), "Library", null, null);
            TimetableEvent.Meeting cancelled = new TimetableEvent.Meeting(meetingId, 2, "Hustings",
                    changed.startsAt(), changed.endsAt(), "Library", "hall flooded", null);
            timetable(selection, TimetableEvent.MEETING_SCHEDULED, starts, "Meeting scheduled: Hustings", scheduled);
            timetable(selection, TimetableEvent.MEETING_CHANGED, changed.startsAt(), "Meeting changed: Hustings", changed);
            timetable(selection, TimetableEvent.MEETING_CANCELLED, Instant.now(), "Meeting cancelled: Hustings", cancelled);
            timetable(selection, TimetableEvent.BALLOT_SCHEDULED, starts, "Ballot scheduled", null);

            // Sent side by side, so put in order by subject.
            List<MimeMessage> mail = new ArrayList<>(awaitMail(unaEmail, 4));
            List<String> subjects = List.of("Meeting scheduled: Hustings", "Meeting changed: Hustings",
                    "Meeting cancelled: Hustings", "Ballot scheduled");
            mail.sort(java.util.Comparator.comparing(m -> subjects.indexOf(subject(m))));
            List<String> invites = new ArrayList<>();
            for (MimeMessage m : mail.subList(0, 3)) {
                invites.add(calendar(m));
            }
            assertEquals(List.of("METHOD:REQUEST", "METHOD:REQUEST", "METHOD:CANCEL"),
                    invites.stream().map(i -> property(i, "METHOD")).toList());
            assertEquals(List.of("SEQUENCE:0", "SEQUENCE:1", "SEQUENCE:2"),
                    invites.stream().map(i -> property(i, "SEQUENCE")).toList());
            String uid = "UID:meeting-" + meetingId + "@notices.selectorate.invalid";
            assertTrue(invites.stream().allMatch(i -> property(i, "UID").equals(uid)), "one UID per meeting");
            assertEquals("DTSTART:" + ics(changed.startsAt()), property(invites.get(1), "DTSTART"));
            assertEquals("DTEND:" + ics(changed.endsAt()), property(invites.get(1), "DTEND"));
            assertTrue(invites.stream().allMatch(i -> i.replace("\r\n", "").indexOf('\n') < 0), "CRLF only");
            assertNull(calendar(mail.get(3)), "a ballot notice has no invite");

            List<NoticeDelivered> delivered = KafkaEvents.await(Topics.NOTICES, selection, NoticeDelivered.TYPE, 4,
                    NoticeDelivered.class);
            assertEquals(List.of(0, 1, 2), delivered.stream().filter(d -> d.meetingId() != null)
                    .map(NoticeDelivered::sequence).sorted().toList());
            assertTrue(delivered.stream().filter(d -> d.meetingId() != null).allMatch(d -> d.meetingId().equals(meetingId)));

            // Each mail's Message-ID is the notice's own, as the ledger records it.
            JsonPath ledger = ledger(selection, 4);
            List<String> ids = new ArrayList<>();
            for (MimeMessage m : mail) {
                ids.add(m.getMessageID());
            }
            assertEquals(4, ids.stream().distinct().count());
            assertEquals(ids.stream().sorted().toList(), ledger.<String>getList("messageId").stream().sorted().toList());
            assertEquals(List.of(0, 1, 2), ledger.<Integer>getList("findAll { it.meetingId != null }.sequence")
                    .stream().sorted().toList());

            String secret = given().get("/api/notifications/selections/" + selection + "/committee/" + una
                    + "/webhook-secret").then().statusCode(200).extract().path("secret");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/una").size() >= 4);
            List<Receiver.Request> hooks = receiver.requests("/una");
            for (Receiver.Request r : hooks) {
                assertTrue(Receiver.verify(secret, r.id(), r.timestamp(), r.body(), r.signature()), r.body());
                assertEquals("notice", JsonPath.from(r.body()).getString("type"));
                assertEquals(una, JsonPath.from(r.body()).getString("data.memberId"));
            }
            assertEquals(java.util.Set.of(TimetableEvent.MEETING_SCHEDULED, TimetableEvent.MEETING_CHANGED,
                            TimetableEvent.MEETING_CANCELLED, TimetableEvent.BALLOT_SCHEDULED),
                    java.util.Set.copyOf(hooks.stream().map(r -> JsonPath.from(r.body()).getString("data.kind")).toList()));
            assertEquals(List.of("hall flooded"), hooks.stream().map(r -> JsonPath.from(r.body()))
                    .filter(j -> TimetableEvent.MEETING_CANCELLED.equals(j.getString("data.kind")))
                    .map(j -> j.getString("data.meeting.reason")).toList());
        }
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBounceReportedByTheProviderIsRecordedAndAPermanentOneUndoesTheDelivery() {
        String selection = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        appoint(selection, member, "Uri Union", "uri-" + member + "@example.org", null);
        timetable(selection, TimetableEvent.BALLOT_SCHEDULED, Instant.now().plus(1, ChronoUnit.DAYS), "Ballot scheduled", null);
        String messageId = ledger(selection, 1).getString("[0].messageId");
        String bare = messageId.substring(1, messageId.length() - 1);

        KafkaEvents.as(identities, "provider", "integration");
        given().contentType(ContentType.JSON).body(Map.of("messageId", "<nobody@example.org>", "reason", "x",
                "permanent", true)).post("/api/notifications/bounces").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("messageId", bare, "reason", "x"))
                .post("/api/notifications/bounces").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("messageId", bare, "reason", "452 mailbox full",
                "permanent", false)).post("/api/notifications/bounces").then().statusCode(200)
                .body("status", equalTo("delivered")).body("permanent", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("messageId", messageId, "reason", "550 no such user",
                "permanent", true)).post("/api/notifications/bounces").then().statusCode(200)
                .body("status", equalTo("bounced")).body("reason", equalTo("550 no such user"));
        given().contentType(ContentType.JSON).body(Map.of("messageId", messageId, "reason", "again",
                "permanent", true)).post("/api/notifications/bounces").then().statusCode(200)
                .body("reason", equalTo("550 no such user"));

        List<NoticeBounced> bounces = KafkaEvents.await(Topics.NOTICES, selection, NoticeBounced.TYPE, 2,
                NoticeBounced.class);
        assertEquals(List.of(false, true), bounces.stream().map(NoticeBounced::permanent).toList());
        assertEquals(messageId, bounces.get(1).messageId());
        assertEquals(member, bounces.get(1).memberId());
        List<String> audited = new java.util.ArrayList<>();
        pool.preparedQuery("select details from audit_entry where selection_id = $1 order by seq")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(selection)).await().indefinitely()
                .forEach(row -> audited.add(row.getString(0)));
        assertEquals(2, audited.size(), "each report that changed the notice, by the provider: " + audited);
        assertTrue(audited.stream().allMatch(d -> d.contains("\"action\":\"notice.bounce\"")
                && d.contains("\"username\":\"provider\"")), audited.toString());
        assertTrue(audited.get(1).contains("550 no such user"));

        KafkaEvents.as(identities, "hq", "hq-admin");
        JsonPath after = ledger(selection, 1);
        assertEquals("bounced", after.getString("[0].status"));
        assertEquals(true, after.getBoolean("[0].bouncePermanent"));
        assertEquals("550 no such user", after.getString("[0].bounceReason"));

        KafkaEvents.as(identities, "cand", "candidate");
        given().contentType(ContentType.JSON).body(Map.of("messageId", messageId, "reason", "x", "permanent", true))
                .post("/api/notifications/bounces").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aPublishedResultIsToldToEveryCommitteeMember() {
        String selection = UUID.randomUUID().toString();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String email = "r" + i + "-" + UUID.randomUUID() + "@example.org";
            emails.add(email);
            appoint(selection, UUID.randomUUID().toString(), "Member " + i, email, null);
        }
        String ballot = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.RESULTS, ballot, ResultPublished.TYPE, new ResultPublished(ballot, selection,
                List.of("Ada"), 120, Map.of("online", 120L), "00".repeat(32)));
        for (String email : emails) {
            try {
                assertEquals("Selection notice: Result published: Ada elected, 120 votes",
                        awaitMail(email, 1).get(0).getSubject());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        JsonPath ledger = ledger(selection, 2);
        assertEquals(List.of("result", "result"), ledger.getList("kind"));
        assertEquals(List.of(ballot, ballot), ledger.getList("ballotId"));
    }

    private static void appoint(String selection, String member, String name, String email, String webhook) {
        KafkaEvents.send(Topics.BALLOTS, selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, member,
                name, email, "union-representative", REGION, "C-1", webhook));
    }

    private static void timetable(String selection, String kind, Instant at, String summary, TimetableEvent.Meeting m) {
        KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE,
                new TimetableEvent(selection, null, kind, at, summary, m));
    }

    private static JsonPath ledger(String selection, int size) {
        String path = "/api/notifications/selections/" + selection + "/notices";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path).then().statusCode(200)
                .body("size()", equalTo(size))
                .body("findAll { it.status == 'pending' }.size()", equalTo(0)));
        return given().get(path).then().extract().jsonPath();
    }

    private static String ics(Instant at) {
        return at.toString().replace("-", "").replace(":", "");
    }

    private static String property(String ics, String name) {
        return Arrays.stream(ics.replace("\r\n ", "").split("\r\n")).filter(l -> l.startsWith(name + ":"))
                .findFirst().orElse(null);
    }

    /** The text/calendar part of a mail, or null if it has none. */
    private static String calendar(MimeMessage message) throws Exception {
        if (!(message.getContent() instanceof Multipart multipart)) {
            return null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith("text/calendar")) {
                return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject().replace("Selection notice: ", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
}
