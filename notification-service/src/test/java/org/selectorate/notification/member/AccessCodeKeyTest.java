package org.selectorate.notification.member;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key that opens access codes: a missing or bad file stops the service at startup, naming the setting. */
class AccessCodeKeyTest {
    @Test
    void opensWhatWasSealedToItsPublicHalf() {
        AccessCodeKey key = new AccessCodeKey(config(Path.of("src/test/resources/code-seal/private.key")));
        String sealed = MailEvents.sealed("7K3M-9QXP-2H4D-W8RT", "b-1", "ada@example.org");
        assertEquals("7K3M-9QXP-2H4D-W8RT", key.open(sealed, "b-1", "ada@example.org"));
        assertThrows(IllegalArgumentException.class, () -> key.open(sealed, "b-1", "mary@example.org"));
        assertThrows(IllegalArgumentException.class, () -> key.open(sealed, "b-2", "ada@example.org"));
        assertThrows(IllegalArgumentException.class, () -> key.open(null, "b-1", "ada@example.org"));
    }

    @Test
    void aMissingOrBadKeyFileIsRefusedClearly(@TempDir Path dir) throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new AccessCodeKey(config(dir.resolve("absent.key"))));
        assertTrue(missing.getMessage().contains("selectorate.mail.code-private-key-file"), missing.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.key"), "not a key\n");
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> new AccessCodeKey(config(garbage)));
        assertTrue(bad.getMessage().contains("PKCS#8"), bad.getMessage());

        // The public half is not a private key.
        Path wrongHalf = Files.copy(Path.of("src/test/resources/code-seal/public.key"), dir.resolve("public.key"));
        assertThrows(IllegalStateException.class, () -> new AccessCodeKey(config(wrongHalf)));
    }

    private static MailConfig config(Path keyFile) {
        return new MailConfig() {
            @Override
            public Duration poll() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int batch() {
                return 1;
            }

            @Override
            public int lanes() {
                return 1;
            }

            @Override
            public int maxAttempts() {
                return 1;
            }

            @Override
            public Duration firstRetry() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration claimLease() {
                return Duration.ofMinutes(2);
            }

            @Override
            public String publicUrl() {
                return "http://localhost";
            }

            @Override
            public Path codePrivateKeyFile() {
                return keyFile;
            }
        };
    }
}
