package org.selectorate.integrity.audit;

/** An entry withheld from a reader (outside their area or selection): its place in the chain without its details. */
public record ElidedEntry(String service, long seq, String previous, AuditScope scope, String detailsHash,
        String hash, String signature) implements AuditLink {
    public ElidedEntry {
        AuditEntry.requireText(service, "service");
        AuditEntry.requireSeq(seq);
        AuditEntry.requireHex(previous, "previous");
        if (scope == null) {
            throw new IllegalArgumentException("an entry needs a scope");
        }
        AuditEntry.requireHex(detailsHash, "detailsHash");
        AuditEntry.requireHex(hash, "hash");
        AuditEntry.requireText(signature, "signature");
    }
}
