package org.selectorate.devstack.mailbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The counts a load test polls, kept up to date from the messages delivered since they were last asked for. */
class MessageStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void countsFollowDeliveriesBetweenPolls(@TempDir Path dir) throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("messages.eml"), CLOCK)) {
            store.deliver("no-reply@x", "ann@example.org", message("Your access code: Leeds", "<1@x>"));
            store.deliver("no-reply@x", "bob@example.org", message("Your access code: Leeds", "<2@x>"));
            assertEquals(new MessageStore.Stats(2, 2, 0, 0), store.stats("Your access code"));

            store.deliver("no-reply@x", "cat@example.org", message("Your access code: Leeds", "<3@x>"));
            store.deliver("no-reply@x", "ann@example.org", message("A ballot was issued in your name", "<4@x>"));
            assertEquals(new MessageStore.Stats(3, 3, 0, 0), store.stats("Your access code"));
            assertEquals(new MessageStore.Stats(4, 3, 0, 1), store.stats(""));

            // Ann is sent a second code (a doubled mail-out), then the same message again (a redelivery).
            store.deliver("no-reply@x", "Ann@Example.org", message("Your access code: Leeds", "<5@x>"));
            store.deliver("no-reply@x", "ann@example.org", message("Your access code: Leeds", "<5@x>"));
            store.deliver("no-reply@x", "ann@example.org", message("Your access code: Leeds", "<5@x>"));
            assertEquals(new MessageStore.Stats(6, 3, 2, 1), store.stats("Your access code"));
            // The same message id in two mailboxes is one message sent to two people, not a repeat.
            store.deliver("no-reply@x", "bob@example.org", message("Your access code: Leeds", "<1@x>"));
            assertEquals(new MessageStore.Stats(7, 3, 2, 2), store.stats("Your access code"));

            store.purge();
            assertEquals(new MessageStore.Stats(0, 0, 0, 0), store.stats("Your access code"));
            store.deliver("no-reply@x", "ann@example.org", message("Your access code: Leeds", "<1@x>"));
            assertEquals(new MessageStore.Stats(1, 1, 0, 0), store.stats("Your access code"));
        }
    }

    @Test
    void theIndexKeepsOneCopyOfARepeatedSubject(@TempDir Path dir) throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("messages.eml"), CLOCK)) {
            StoredMessage a = store.deliver("no-reply@x", "ann@example.org", message("Your access code: Leeds", "<1@x>"));
            StoredMessage b = store.deliver("no-reply@x", "bob@example.org", message("Your access code: Leeds", "<2@x>"));
            assertSame(a.subject(), b.subject());
            assertEquals("Your access code: Leeds", new String(store.content(b), StandardCharsets.ISO_8859_1)
                    .lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow().substring(9));
        }
    }

    private static byte[] message(String subject, String messageId) {
        return ("From: no-reply@x\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
