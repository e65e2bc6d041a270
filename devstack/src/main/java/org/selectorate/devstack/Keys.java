package org.selectorate.devstack;

import org.selectorate.integrity.seal.CodeSeal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The platform's keys and secrets, under {@code <home>/keys} (mode 0700, files 0600): made once, at the first start,
 * and kept with the data they protect, so no two homes share a secret and none is a default written in the
 * repository. Each service seals its private keys at rest with its own vault file (KeyVault), connects to its
 * database with its own role's password, and the Keycloak clients' secrets are made here too.
 */
final class Keys {
    /** Components start in parallel; two must not both make the same missing file. */
    private static final Object LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    Keys(Stack stack) {
        this.dir = stack.dir("keys");
    }

    /** The vault key file of {@code service}, created with 32 random bytes (base64, as KeyVault reads it) if missing. */
    Path vault(String service) {
        return file(service + ".key", () -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    /** The password of the database role {@code role} (one per service, named after its database). */
    String databasePassword(String role) {
        return read(file("db-" + role + ".password", () -> random(24)));
    }

    /** The password of PostgreSQL's superuser, which only the launcher uses, to create the services' roles. */
    String databaseAdminPassword() {
        return read(file("db-admin.password", () -> random(24)));
    }

    /** The password of Keycloak's bootstrap admin (user {@code admin}, master realm). */
    String keycloakAdminPassword() {
        return read(file("keycloak-admin.password", () -> random(24)));
    }

    /** The secret of the Keycloak client {@code clientId}, imported into the realm at every Keycloak start. */
    String clientSecret(String clientId) {
        return read(file(clientId + ".secret", () -> random(32)));
    }

    /** A service's signing secret, e.g. {@code notice-ack}: HMAC keys for links in mail and webhook signatures. */
    String signingSecret(String name) {
        return read(file(name + ".secret", () -> random(32)));
    }

    /**
     * The public half of the key access codes are sealed to (X.509 SubjectPublicKeyInfo, base64, one line): ballot-service
     * seals each code with it and cannot open what it sealed.
     */
    Path mailCodePublic() {
        mailCodePair();
        return dir.resolve("mail-code.pub");
    }

    /** The private half (PKCS#8, base64, one line), for notification-service alone, which opens a code to mail it. */
    Path mailCodePrivate() {
        mailCodePair();
        return dir.resolve("mail-code.key");
    }

    private void mailCodePair() {
        synchronized (LOCK) {
            Path pub = dir.resolve("mail-code.pub");
            Path key = dir.resolve("mail-code.key");
            if (Files.exists(pub) && Files.exists(key)) {
                return;
            }
            KeyPair pair = CodeSeal.generate(RANDOM);
            // The private half first: a public key on disk must always have its private key beside it.
            write(key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            write(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        }
    }

    private Path file(String name, java.util.function.Supplier<String> content) {
        synchronized (LOCK) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                write(file, content.get() + "\n");
            }
            return file;
        }
    }

    /** {@code bytes} random bytes, base64url without padding: safe in a URL, a JDBC property, a shell or SQL literal. */
    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, String content) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                restrict(dir, "rwx------");
            }
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.writeString(partial, content);
            restrict(partial, "rw-------");
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrict(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
