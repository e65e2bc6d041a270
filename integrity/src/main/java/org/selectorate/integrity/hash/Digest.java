package org.selectorate.integrity.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.selectorate.integrity.encoding.Hex;

/** An immutable SHA-256 value (32 bytes), written as lower-case hex in the record. */
public final class Digest {
    public static final int LENGTH = 32;

    /** One engine per thread for one-shot hashes: a provider look-up per hash costs more than a short hash. */
    private static final ThreadLocal<MessageDigest> ENGINES = ThreadLocal.withInitial(Digest::newSha256);

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 32 bytes. */
    public static Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    public static Digest fromHex(String hex) {
        return of(Hex.decode(hex));
    }

    /** SHA-256 over the concatenation of the parts. */
    public static Digest sha256(byte[]... parts) {
        MessageDigest md = threadSha256();
        for (byte[] part : parts) {
            md.update(part);
        }
        return new Digest(md.digest());
    }

    /**
     * This thread's SHA-256 engine, reset: for a hash begun and finished ({@link #finish}) in one call, with no other
     * hash of this class in between.
     */
    public static MessageDigest threadSha256() {
        MessageDigest md = ENGINES.get();
        md.reset();
        return md;
    }

    /** A fresh SHA-256 engine; callers that hash in bulk reuse one per thread. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Completes {@code md} into a Digest without another copy. */
    public static Digest finish(MessageDigest md) {
        return new Digest(md.digest());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Feeds this value to a hash engine without copying it. */
    public void updateInto(MessageDigest md) {
        md.update(bytes);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest && MessageDigest.isEqual(bytes, ((Digest) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
