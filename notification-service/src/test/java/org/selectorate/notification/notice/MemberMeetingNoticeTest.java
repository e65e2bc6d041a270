package org.selectorate.notification.notice;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.notification.member.MailEvents;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A meeting's notice to the electors it summons, beside the committee's (issue 13). */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class MemberMeetingNoticeTest {
    private static final String REGION = "R-member-meeting";

    @Inject
    TestIdentityAssociation identities;

    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBranchMeetingIsMailedOncePerChangeToEachElectorOfItsBranchAndToNobodyElse() throws Exception {
        String selection = created();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ann = "ann-" + tag + "@example.org";
        String ben = "ben-" + tag + "@example.org";
        String cat = "cat-" + tag + "@example.org";
        freeze(selection, 1, List.of(new Elector("M-1", "Ann", ann, "B-NORTH"), new Elector("M-2", "Ben", ben, "B-NORTH"),
                new Elector("M-3", "Cat", cat, "B-SOUTH")));

        String meetingId = UUID.randomUUID().toString();
        Instant starts = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TimetableEvent.Meeting scheduled = new TimetableEvent.Meeting(meetingId, 0, "North branch trigger meeting",
                starts, starts.plusSeconds(7200), "Miners' Hall", null, "B-NORTH");
        TimetableEvent scheduledStep = new TimetableEvent(selection, null, TimetableEvent.MEETING_SCHEDULED, starts,
                "Meeting scheduled: North branch trigger meeting", scheduled);
        String eventId = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, scheduledStep, eventId);
        KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, scheduledStep, eventId); // redelivered

        for (String elector : List.of(ann, ben)) {
            MimeMessage mail = MailEvents.awaitMail(elector, 1).get(0);
            assertEquals("Meeting notice: Meeting scheduled: North branch trigger meeting", MailEvents.subject(mail));
            String text = part(mail, "text/plain");
            assertTrue(text.contains("Miners' Hall") && text.contains("North branch trigger meeting")
                    && text.contains("member of branch B-NORTH"), text);
            String ics = part(mail, "text/calendar");
            assertNotNull(ics, "the meeting's invitation is attached");
            assertEquals("METHOD:REQUEST", property(ics, "METHOD"));
            assertEquals("SEQUENCE:0", property(ics, "SEQUENCE"));
            assertEquals("UID:meeting-" + meetingId + "@notices.selectorate.invalid", property(ics, "UID"));
            assertTrue(property(ics, "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE").endsWith(elector), ics);
        }
        counts(selection, meetingId).body("sequence", equalTo(0)).body("electors", equalTo(2))
                .body("sent", equalTo(2)).body("pending", equalTo(0)).body("failed", equalTo(0))
                .body("rollVersion", equalTo(1)).body("branch", equalTo("B-NORTH"));

        TimetableEvent.Meeting changed = new TimetableEvent.Meeting(meetingId, 1, "North branch trigger meeting",
                starts.plusSeconds(86400), starts.plusSeconds(86400 + 7200), "Library", null, "B-NORTH");
        KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                TimetableEvent.MEETING_CHANGED, changed.startsAt(), "Meeting changed: North branch trigger meeting",
                changed));
        for (String elector : List.of(ann, ben)) {
            List<MimeMessage> mail = MailEvents.awaitMail(elector, 2);
            MimeMessage change = mail.stream().filter(m -> MailEvents.subject(m).contains("changed")).findFirst()
                    .orElseThrow();
            String text = part(change, "text/plain");
            assertTrue(text.contains("Library") && text.contains("has been changed"), text);
            assertEquals("SEQUENCE:1", property(part(change, "text/calendar"), "SEQUENCE"));
        }
        counts(selection, meetingId).body("sequence", equalTo(1)).body("electors", equalTo(2))
                .body("sent", equalTo(2)).body("pending", equalTo(0));

        // The redelivered step made nothing, and the other branch's elector was sent nothing.
        assertEquals(4L, count("select count(*) from member_alert where meeting_id = $1", meetingId));
        assertEquals(2, MailEvents.messagesTo(ann).size());
        assertEquals(2, MailEvents.messagesTo(ben).size());
        assertEquals(0, MailEvents.messagesTo(cat).size());

        // Counts only, never who: the answer names no elector.
        String answer = counts(selection, meetingId).extract().asString();
        assertTrue(!answer.contains("M-1") && !answer.contains(ann), answer);

        KafkaEvents.as(identities, "cora", "committee-member", REGION);
        counts(selection, meetingId).body("sent", equalTo(2));
        KafkaEvents.as(identities, "ray", "regional-admin", "R-elsewhere");
        given().get(path(selection, meetingId)).then().statusCode(404).contentType("application/problem+json");
        KafkaEvents.as(identities, "hq", "hq-admin");
        given().get(path(selection, UUID.randomUUID().toString())).then().statusCode(404);
        KafkaEvents.as(identities, "eve", "candidate");
        given().get(path(selection, meetingId)).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void meetingsAnnouncedBeforeTheFreezeAreSentWhenTheRollFreezesIfStillToComeAndAHustingsReachesEveryElector()
            throws Exception {
        String selection = created();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ann = "ann-" + tag + "@example.org";
        String bob = "bob-" + tag + "@example.org";
        String cy = "cy-" + tag + "@example.org";
        Instant starts = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        String hustings = UUID.randomUUID().toString();
        meeting(selection, TimetableEvent.MEETING_SCHEDULED, new TimetableEvent.Meeting(hustings, 0, "Hustings",
                starts, starts.plusSeconds(3600), "Town Hall", null, null));
        String cancelled = UUID.randomUUID().toString();
        TimetableEvent.Meeting toCancel = new TimetableEvent.Meeting(cancelled, 0, "North meeting", starts,
                starts.plusSeconds(3600), "Hall", null, "B-NORTH");
        meeting(selection, TimetableEvent.MEETING_SCHEDULED, toCancel);
        meeting(selection, TimetableEvent.MEETING_CANCELLED, new TimetableEvent.Meeting(cancelled, 1, "North meeting",
                starts, starts.plusSeconds(3600), "Hall", "room double-booked", "B-NORTH"));
        String past = UUID.randomUUID().toString();
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        meeting(selection, TimetableEvent.MEETING_SCHEDULED, new TimetableEvent.Meeting(past, 0, "South meeting",
                yesterday, yesterday.plusSeconds(3600), "Hall", null, "B-SOUTH"));

        // Not frozen yet: the meeting is known, nobody has been sent anything.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> counts(selection, hustings)
                .body("electors", equalTo(0)).body("sent", equalTo(0)).body("pending", equalTo(0))
                .body("rollVersion", equalTo(null)));

        freeze(selection, 1, List.of(new Elector("M-1", "Ann", ann, "B-NORTH"),
                new Elector("M-2", "Bob", bob, "B-SOUTH")));
        for (String elector : List.of(ann, bob)) {
            MimeMessage mail = MailEvents.awaitMail(elector, 1).get(0);
            assertEquals("Meeting notice: Meeting scheduled: Hustings", MailEvents.subject(mail));
            assertTrue(part(mail, "text/plain").contains("as an elector on the selection's roll"));
        }
        counts(selection, hustings).body("electors", equalTo(2)).body("sent", equalTo(2)).body("rollVersion", equalTo(1));

        // A later roll version: its new elector is sent the hustings; those already sent it are not sent it again.
        freeze(selection, 2, List.of(new Elector("M-1", "Ann", ann, "B-NORTH"),
                new Elector("M-2", "Bob", bob, "B-SOUTH"), new Elector("M-3", "Cy", cy, "B-NORTH")));
        assertEquals("Meeting notice: Meeting scheduled: Hustings", MailEvents.subject(MailEvents.awaitMail(cy, 1).get(0)));
        counts(selection, hustings).body("electors", equalTo(3)).body("sent", equalTo(3)).body("rollVersion", equalTo(2));

        // A cancelled meeting and one already held are not sent at the freeze.
        assertEquals(0L, count("select count(*) from member_alert where meeting_id = $1", cancelled));
        assertEquals(0L, count("select count(*) from member_alert where meeting_id = $1", past));
        assertEquals(1, MailEvents.messagesTo(ann).size());
        assertEquals(1, MailEvents.messagesTo(bob).size());
        assertEquals(1, MailEvents.messagesTo(cy).size());
    }

    private String created() {
        String selection = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, SelectionCreated.TYPE, new SelectionCreated(selection, "C-MM",
                REGION, "Member meeting notices", LocalDate.of(2026, 6, 30), 6, true, 1));
        return selection;
    }

    /** One roll version in one chunk; waits until it is stored. */
    private void freeze(String selection, int version, List<Elector> electors) {
        KafkaEvents.send(Topics.ROLL, selection, RollFrozen.TYPE, new RollFrozen(selection, "C-MM", version,
                LocalDate.of(2026, 6, 30), electors.size(), "00", Map.of(), 1, 0));
        KafkaEvents.send(Topics.ROLL, selection, RollEntries.TYPE, new RollEntries(selection, version, 0, 1, electors));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mailing_roll_chunk where selection_id = $1 and version = " + version,
                selection) == 1);
    }

    private static void meeting(String selection, String kind, TimetableEvent.Meeting m) {
        KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null, kind,
                m.startsAt(), "Meeting " + kind.substring("meeting-".length()) + ": " + m.title(), m));
    }

    private static String path(String selection, String meetingId) {
        return "/api/notifications/selections/" + selection + "/meetings/" + meetingId + "/member-notices";
    }

    /** The counts once every notice queued has been sent. */
    private static io.restassured.response.ValidatableResponse counts(String selection, String meetingId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path(selection, meetingId)).then()
                .statusCode(200).body("pending", equalTo(0)));
        return given().get(path(selection, meetingId)).then().statusCode(200);
    }

    private long count(String sql, String arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The first part of the mail whose type starts with {@code type}, or null. */
    private static String part(MimeMessage message, String type) throws Exception {
        if (!(message.getContent() instanceof Multipart multipart)) {
            return message.getContentType().toLowerCase().startsWith(type) ? message.getContent().toString() : null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith(type)) {
                return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String property(String ics, String name) {
        return Arrays.stream(ics.replace("\r\n ", "").split("\r\n")).filter(l -> l.startsWith(name + ":"))
                .findFirst().orElse(null);
    }
}
