package org.selectorate.notification.member;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.seal.CodeSeal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * Opens the access codes ballot-service sealed to this service ({@code selectorate.mail.code-private-key-file}).
 * Read at startup, so a missing or bad key file stops the service before any code is queued that it could not mail.
 * A minting batch's data key is unwrapped (RSA) once and kept among the last {@value #CACHED_KEYS}; each code then
 * opens with AES-GCM, and only for the ballot and recipient it was sealed for ({@code CodeSeal}).
 */
@Startup
@ApplicationScoped
public class AccessCodeKey {
    /** Ballots whose codes go out at once, each one batch at opening (and one per co-signed roll change). */
    static final int CACHED_KEYS = 64;

    private final CodeSeal.Opener opener;

    public AccessCodeKey(MailConfig config) {
        this.opener = new CodeSeal.Opener(read(config.codePrivateKeyFile()), CACHED_KEYS);
    }

    /**
     * The clear code, for the mail being written to {@code recipient} about {@code ballotId}: it is held in memory
     * only, never stored or logged.
     */
    String open(String sealedCode, String ballotId, String recipient) {
        if (sealedCode == null) {
            throw new IllegalArgumentException("the access-code mail holds no sealed code");
        }
        return opener.open(sealedCode, ballotId, recipient);
    }

    private static RSAPrivateCrtKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the access-code key file " + file
                    + " (selectorate.mail.code-private-key-file) does not exist");
        }
        try {
            return CodeSeal.privateKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the access-code key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the access-code key file " + file + " (selectorate.mail.code-private-key-file)"
                    + " must hold an RSA private key of at least " + CodeSeal.KEY_BITS + " bits, PKCS#8 DER, base64", e);
        }
    }
}
