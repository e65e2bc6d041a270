package org.selectorate.ballot.ballot;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.selectorate.integrity.seal.CodeSeal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/**
 * Seals access codes to the mail sender's public key, read once at startup: the outbox and the topic then hold
 * ciphertext that only notification-service can open. Each minting batch gets its own data key, wrapped once to that
 * key ({@code CodeSeal}'s envelope), so a code costs an AES-GCM encryption rather than an RSA operation. A missing or
 * unreadable key file stops the service from starting, rather than failing the first ballot that opens.
 * <p>
 * {@code selectorate.mail.code-public-key-file}: a file holding notification-service's X.509 SubjectPublicKeyInfo
 * (DER, base64, one line). A single property rather than a {@code @ConfigMapping} of {@code selectorate.mail}: that
 * namespace is notification-service's, and a mapping would refuse to start on its other settings (devstack passes
 * {@code selectorate.mail.public-url} to every service).
 */
@Startup
@ApplicationScoped
public class CodeSealer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RSAPublicKey mailSender;

    public CodeSealer(@ConfigProperty(name = "selectorate.mail.code-public-key-file") Path publicKeyFile) {
        this.mailSender = read(publicKeyFile);
    }

    /**
     * A minting batch (a ballot's opening, the members a roll change added): a fresh data key wrapped to the mail
     * sender, which seals each code, as the member will read it, for its ballot and recipient.
     */
    public CodeSeal.Sealer batch() {
        return CodeSeal.sealer(mailSender, RANDOM);
    }

    private static RSAPublicKey read(Path file) {
        String what = "the mail sender's code key " + file + " (selectorate.mail.code-public-key-file)";
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(what + " does not exist or cannot be read; it is notification-service's "
                    + "public key for access codes (X.509 SubjectPublicKeyInfo, base64, one line)");
        }
        try {
            return CodeSeal.publicKey(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + what, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not an RSA public key of at least " + CodeSeal.KEY_BITS
                    + " bits (X.509 SubjectPublicKeyInfo, base64)", e);
        }
    }
}
