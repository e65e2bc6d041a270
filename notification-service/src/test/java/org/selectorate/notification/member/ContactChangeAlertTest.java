package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.contracts.member.MemberContactChanged;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A contact change alerts the previous address; after a freeze, ballot mail still goes to the frozen one. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class ContactChangeAlertTest {

    @Test
    void thePreviousAddressIsToldAndBallotMailStaysWithTheAddressHeldAtTheFreeze() throws Exception {
        String frozen = "frozen-" + UUID.randomUUID() + "@example.org";
        String hijacked = "new-" + UUID.randomUUID() + "@example.net";
        String ballot = "b-" + UUID.randomUUID();
        MailEvents.send(Topics.ROLL, "M-1", MemberContactChanged.TYPE, new MemberContactChanged("M-1",
                List.of("sel-1"), frozen, hijacked, Instant.parse("2026-11-20T10:15:00Z")));
        MimeMessage alert = MailEvents.awaitMail(frozen, 1).get(0);
        String body = MailEvents.body(alert);
        assertEquals("The contact details for your membership were changed", MailEvents.subject(alert));
        assertTrue(body.contains("20 November 2026 10:15 UTC"), body);
        assertTrue(body.contains("If it was not"), body);
        assertFalse(body.contains(hijacked), "the new address is masked: " + body);
        assertTrue(body.contains("still comes to this address"), body);

        // ballot-service sends the code and the issue notice to the contact on the electorate (held at the freeze).
        MailEvents.send(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, new AccessCodeIssued(ballot, "Final ballot",
                frozen, "Ada Lovelace", MailEvents.sealed("7K3M-9QXP-2H4D-W8RT", ballot, frozen),
                Instant.now().plusSeconds(3600)));
        MailEvents.send(Topics.CREDENTIALS, ballot, CredentialIssued.TYPE,
                new CredentialIssued(ballot, "Final ballot", frozen, "online", LocalDate.now()));
        List<MimeMessage> all = MailEvents.awaitMail(frozen, 3);
        assertTrue(all.stream().anyMatch(m -> MailEvents.body(m).contains("7K3M-9QXP-2H4D-W8RT")));
        assertTrue(all.stream().anyMatch(m -> MailEvents.subject(m).startsWith("A ballot was issued in your name")));
        Thread.sleep(1000);
        assertEquals(0, MailEvents.messagesTo(hijacked).size(), "nothing goes to the address set after the freeze");
    }

    @Test
    void aChangeBeforeAnyFreezeIsToldToThePreviousAddressToo() {
        String before = "before-" + UUID.randomUUID() + "@example.org";
        MailEvents.send(Topics.ROLL, "M-2", MemberContactChanged.TYPE, new MemberContactChanged("M-2", List.of(),
                before, "taken-" + UUID.randomUUID() + "@example.net", Instant.parse("2026-11-21T08:00:00Z")));
        String body = MailEvents.body(MailEvents.awaitMail(before, 1).get(0));
        assertTrue(body.contains("If it was not") && body.contains("will go to the new address"), body);
        assertFalse(body.contains("still comes to this address"), body);
    }
}
