package org.selectorate.integrity.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * Where a service's audit chain stands: the last entry's {@code seq} and hash, or seq 0 and the genesis hash for
 * an empty chain. The genesis commits to the service and its audit key, so a log presented under another key is
 * told apart from one whose signatures were merely damaged.
 */
public record AuditHead(String service, long seq, Digest hash) {
    public static final String GENESIS_SCHEMA = "selectorate-audit-genesis/1";
    public static final String HEAD_SCHEMA = "selectorate-audit-head/1";

    public AuditHead {
        AuditEntry.requireText(service, "service");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
        if (hash == null) {
            throw new IllegalArgumentException("a head needs a hash");
        }
    }

    /** The head of an empty chain: {@code SHA-256(JCS({"publicKey", "schema", "service"}))}. */
    public static AuditHead genesis(String service, AuditKey key) {
        return new AuditHead(service, 0, genesisHash(service, key));
    }

    public static Digest genesisHash(String service, AuditKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", GENESIS_SCHEMA);
        m.put("service", service);
        m.put("publicKey", key.encoded());
        return Digest.sha256(CanonicalJson.bytes(m));
    }

    /** What the audit key signs after each entry: {@code JCS({"hash", "schema", "seq", "service"})}. */
    static byte[] signingBytes(String service, long seq, String hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", HEAD_SCHEMA);
        m.put("service", service);
        m.put("seq", seq);
        m.put("hash", hash);
        return CanonicalJson.bytes(m);
    }
}
