package org.selectorate.support.keys;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
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
 * does not open. It also keys a MAC ({@link #mac}), for secrets that must be found again without being kept.
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
    /** HKDF info of the MAC key: one key file, one key per use (never the AES key as an HMAC key too). */
    private static final byte[] MAC_KEY_INFO = "selectorate key vault: mac key v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecretKeySpec macKey;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(KeysConfig config) {
        byte[] raw = read(config.file(), config.generateIfMissing() && LaunchMode.current().isDevOrTest());
        this.key = new SecretKeySpec(raw, "AES");
        this.macKey = new SecretKeySpec(hkdfExpand(raw, MAC_KEY_INFO), "HmacSHA256");
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

    /**
     * A keyed hash of {@code data} for {@code context} (HMAC-SHA-256): the same data and context always give the
     * same 32 bytes, so it can stand in for a secret as a unique key or a lookup, yet without the key file nobody can
     * compute it or test a guess. The context is length-prefixed, so no two (context, data) pairs hash the same input.
     */
    public byte[] mac(byte[] data, String context) {
        byte[] label = context.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(ByteBuffer.allocate(4).putInt(label.length).array());
            mac.update(label);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed", e);
        }
    }

    /**
     * HKDF-Expand (RFC 5869) to one 32-byte block, T(1) = HMAC(PRK, info || 0x01), with the key file's bytes as the
     * pseudorandom key: they are already uniformly random, so HKDF-Extract is not needed.
     */
    private static byte[] hkdfExpand(byte[] prk, byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            return mac.doFinal(new byte[] {1});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed", e);
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
