package org.selectorate.integrity.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.json.JsonException;

/**
 * A state before or after an action: always the SHA-256 of its RFC 8785 form, and the state itself when it is small
 * and may be shown ({@link #of}). Personal data (a member's contact) is kept as its hash only ({@link #digestOf}):
 * whoever holds the state can still prove it was the one recorded.
 */
public final class AuditState {
    /** States up to this many canonical bytes are kept whole by {@link #of}. */
    public static final int INLINE_LIMIT = 1024;

    private final String sha256;
    private final Object value;

    private AuditState(String sha256, Object value) {
        this.sha256 = sha256;
        this.value = value;
    }

    /** The state and its hash, or its hash alone if its canonical form is above {@value #INLINE_LIMIT} bytes. */
    public static AuditState of(Object state) {
        byte[] canonical = canonical(state);
        return new AuditState(Digest.sha256(canonical).hex(),
                canonical.length <= INLINE_LIMIT ? Json.parse(CanonicalJson.write(state)) : null);
    }

    /** The state's hash alone. */
    public static AuditState digestOf(Object state) {
        return new AuditState(Digest.sha256(canonical(state)).hex(), null);
    }

    /** A state as a log states it; {@link #consistent()} says whether its value matches its hash. */
    static AuditState stated(String sha256, Object value) {
        Digest.fromHex(sha256);
        return new AuditState(sha256, value);
    }

    /** Hex SHA-256 of the state's RFC 8785 form. */
    public String sha256() {
        return sha256;
    }

    /** The state as JSON values (maps, lists, strings, longs, doubles, booleans), if it was kept. */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /** True unless the state shown differs from its hash. */
    public boolean consistent() {
        return value == null || Digest.sha256(CanonicalJson.bytes(value)).hex().equals(sha256);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha256", sha256);
        if (value != null) {
            m.put("value", value);
        }
        return m;
    }

    private static byte[] canonical(Object state) {
        if (state == null) {
            throw new IllegalArgumentException("no state: record a missing state as null, not as a state");
        }
        try {
            return CanonicalJson.bytes(state);
        } catch (JsonException e) {
            throw new IllegalArgumentException("a state must be JSON values: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditState s && sha256.equals(s.sha256) && java.util.Objects.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }
}
