package org.selectorate.integrity.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * One admin action on a service's audit chain, in full: its position, who ({@link AuditActor}), what
 * ({@link AuditAction}), when (UTC, to the second) and the hash and signature as stated.
 * <p>
 * {@code details = JCS({actor, action, after, before, coSigner, reason, target, time})};
 * {@code hash = SHA-256(JCS({"details": hex SHA-256(details), "previous", "schema", "scope", "seq", "service"}))};
 * the signature is Ed25519 over {@code JCS({"hash", "schema", "seq", "service"})}. Hashing the details apart lets a
 * log withhold them ({@link #elided()}) and stay checkable.
 */
public record AuditEntry(String service, long seq, String previous, AuditActor actor, AuditAction action,
        String time, String hash, String signature) implements AuditLink {
    public static final String ENTRY_SCHEMA = "selectorate-audit-entry/1";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final int MAX_TEXT = 10_000;

    public AuditEntry {
        requireText(service, "service");
        requireSeq(seq);
        requireHex(previous, "previous");
        if (actor == null || action == null) {
            throw new IllegalArgumentException("an entry needs an actor and an action");
        }
        if (action.coSigner() != null && action.coSigner().equals(actor.subject())) {
            throw new IllegalArgumentException("the co-signer must be another person than the actor");
        }
        if (time == null || !SECOND.matcher(time).matches()) {
            throw new IllegalArgumentException("time must be UTC to the second, e.g. 2026-05-01T10:00:00Z: " + time);
        }
        requireHex(hash, "hash");
        requireText(signature, "signature");
    }

    @Override
    public AuditScope scope() {
        return action.scope();
    }

    /** The entry's details as JSON values: what {@link #detailsHash()} hashes. */
    public Map<String, Object> details() {
        return details(actor, action, time);
    }

    @Override
    public String detailsHash() {
        return detailsHash(actor, action, time).hex();
    }

    /** False if a before or after state shown differs from its own hash. */
    public boolean statesConsistent() {
        return (action.before() == null || action.before().consistent())
                && (action.after() == null || action.after().consistent());
    }

    /** The chain's head after this entry. */
    public AuditHead head() {
        return new AuditHead(service, seq, Digest.fromHex(hash));
    }

    /** This entry withheld: its scope and the hash of its details. */
    public ElidedEntry elided() {
        return new ElidedEntry(service, seq, previous, scope(), detailsHash(), hash, signature);
    }

    static Map<String, Object> details(AuditActor actor, AuditAction action, String time) {
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("subject", actor.subject());
        who.put("username", actor.username());
        who.put("roles", actor.roles());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actor", who);
        m.put("action", action.name());
        m.put("target", action.target());
        m.put("before", action.before() == null ? null : action.before().json());
        m.put("after", action.after() == null ? null : action.after().json());
        m.put("reason", action.reason());
        m.put("coSigner", action.coSigner());
        m.put("time", time);
        return m;
    }

    static Digest detailsHash(AuditActor actor, AuditAction action, String time) {
        return Digest.sha256(CanonicalJson.bytes(details(actor, action, time)));
    }

    static Digest hash(String service, long seq, String previous, AuditScope scope, Digest detailsHash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", ENTRY_SCHEMA);
        m.put("service", service);
        m.put("seq", seq);
        m.put("previous", previous);
        m.put("scope", scope.value());
        m.put("details", detailsHash.hex());
        return Digest.sha256(CanonicalJson.bytes(m));
    }

    static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
        }
    }

    static void requireSeq(long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, not " + seq);
        }
    }

    static void requireHex(String value, String what) {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex digits");
        }
    }
}
