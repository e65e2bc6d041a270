package org.selectorate.integrity.audit;

import org.selectorate.integrity.hash.Digest;

/**
 * One position of a service's audit chain as a log shows it: in full ({@link AuditEntry}) or withheld from this
 * reader ({@link ElidedEntry}: the scope and a hash of the details, enough to keep the chain checkable).
 * {@link #hash()} and {@link #signature()} are as stated; a verifier compares {@link #computedHash()}.
 */
public sealed interface AuditLink permits AuditEntry, ElidedEntry {
    String service();

    long seq();

    /** The previous entry's hash (hex), or the genesis hash for seq 1. */
    String previous();

    AuditScope scope();

    /** Hex SHA-256 of the RFC 8785 form of the entry's details. */
    String detailsHash();

    String hash();

    /** Base64url Ed25519 signature of the head {@code (service, seq, hash)}. */
    String signature();

    /** The entry's hash recomputed from what is shown. */
    default Digest computedHash() {
        return AuditEntry.hash(service(), seq(), previous(), scope(), Digest.fromHex(detailsHash()));
    }
}
