package org.selectorate.support.keys;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals the service's private keys (ballot signing keys, tree-head keys) before they reach its database, with a
 * key-encryption key read from a file outside the database ({@code selectorate.keys.file}: 32 random bytes,
 * base64). A database dump alone then holds no usable private key. AES-256-GCM with a fresh 96-bit nonce per seal;
 * the context (what the key is for, and whose) is bound as associated data, so a sealed key moved to another row
 * does not open.
 * <p>
 * Outside production a missing file is created (mode 0600) when {@code selectorate.keys.generate-if-missing} is
 * true; in production it must exist, so a platform never starts on a key nobody provisioned.
 */
@Startup
@ApplicationScoped
public class KeyVault {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(KeysConfig config) {
        this.key = new SecretKeySpec(read(config.file(),
                config.generateIfMissing() && LaunchMode.current().isDevOrTest()), "AES");
    }

    /** Sealed {@code secret}, to be opened only with the same {@code context}. */
    public byte[] seal(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The secret sealed under {@code context}; fails if it was sealed under another context or key, or altered. */
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed key (" + context + ")");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a sealed key does not open with this key file (" + context + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a sealed key failed", e);
        }
    }

    private static byte[] read(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("the key file " + file + " (selectorate.keys.file) does not exist; "
                            + "create one with: head -c 32 /dev/urandom | base64 > " + file);
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                restrict(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
            if (raw.length != 32) {
                throw new IllegalStateException("the key file " + file + " must hold 32 bytes, base64");
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key file " + file + " is not base64", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's own permissions must protect it
        }
    }
}
