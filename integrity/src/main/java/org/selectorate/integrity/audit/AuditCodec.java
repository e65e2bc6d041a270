package org.selectorate.integrity.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.json.JsonPath;
import org.selectorate.integrity.json.JsonException;

/**
 * Reads and writes {@link AuditLog} as JSON, in RFC 8785 form (one log, one file). Reading is strict about structure
 * (unknown or missing members, wrong types) and leaves hashes, links and signatures to {@link AuditVerifier}.
 *
 * <pre>
 * {"schema": "selectorate-audit-log/1", "service": "membership-service",
 *  "key": {"algorithm": "Ed25519", "publicKey": base64url},
 *  "filter": {"selection": id | null, "area": null (everywhere) | {"regions": [..], "constituencies": [..]}},
 *  "entries": [
 *    {"seq", "previous", "scope": {"region", "constituency", "selection"}, "details": {..}, "hash", "signature"},
 *    {"seq", "previous", "scope", "detailsHash", "hash", "signature"}      (withheld)
 *  ]}
 * </pre>
 */
public final class AuditCodec {
    private AuditCodec() {
    }

    public static String write(AuditLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", AuditLog.SCHEMA);
        m.put("service", log.service());
        m.put("key", Map.of("algorithm", "Ed25519", "publicKey", log.publicKey().encoded()));
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("selection", log.filter().selection());
        filter.put("area", log.filter().allAreas() ? null
                : Map.of("regions", List.copyOf(log.filter().regions()),
                "constituencies", List.copyOf(log.filter().constituencies())));
        m.put("filter", filter);
        List<Object> entries = new ArrayList<>(log.entries().size());
        for (AuditLink e : log.entries()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("seq", e.seq());
            v.put("previous", e.previous());
            v.put("scope", e.scope().value());
            if (e instanceof AuditEntry full) {
                v.put("details", full.details());
            } else {
                v.put("detailsHash", e.detailsHash());
            }
            v.put("hash", e.hash());
            v.put("signature", e.signature());
            entries.add(v);
        }
        m.put("entries", entries);
        return CanonicalJson.write(m);
    }

    public static AuditLog read(String json) {
        JsonPath root = parse(json);
        try {
            return log(root);
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditLogException(e.getMessage());
        }
    }

    /** An entry's details as stored beside its chain fields: RFC 8785 JSON. */
    public static String detailsJson(AuditEntry entry) {
        return CanonicalJson.write(entry.details());
    }

    /** An entry from its stored fields, as {@link #detailsJson} wrote its details. */
    public static AuditEntry storedEntry(String service, long seq, String previous, AuditScope scope,
            String detailsJson, String hash, String signature) {
        JsonPath details = parse(detailsJson);
        try {
            return entry(service, seq, previous, scope, details, hash, signature, details);
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditLogException("stored entry " + seq + ": " + e.getMessage());
        }
    }

    private static AuditLog log(JsonPath root) {
        root.only("schema", "service", "key", "filter", "entries");
        String schema = root.get("schema").string();
        if (!AuditLog.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("unsupported schema \"" + schema + "\"; this reads " + AuditLog.SCHEMA);
        }
        String service = root.get("service").string();
        JsonPath k = root.get("key");
        k.only("algorithm", "publicKey");
        if (!"Ed25519".equals(k.get("algorithm").string())) {
            throw new IllegalArgumentException(k.path() + ".algorithm: only Ed25519 is supported");
        }
        JsonPath pk = k.get("publicKey");
        AuditKey key = pk.as(() -> AuditKey.fromEncoded(pk.string()));
        JsonPath f = root.get("filter");
        f.only("selection", "area");
        String selection = f.get("selection").optionalString();
        JsonPath a = f.get("area");
        AuditFilter filter;
        if (a.isNull()) {
            filter = AuditFilter.everywhere();
        } else {
            a.only("regions", "constituencies");
            filter = a.as(() -> AuditFilter.within(a.get("regions").strings(), a.get("constituencies").strings()));
        }
        AuditFilter area = filter;
        filter = f.as(() -> area.forSelection(selection));
        List<AuditLink> entries = new ArrayList<>();
        for (JsonPath e : root.get("entries").items()) {
            entries.add(link(service, e));
        }
        return new AuditLog(service, key, filter, entries);
    }

    private static AuditLink link(String service, JsonPath e) {
        long seq = e.get("seq").integer();
        JsonPath s = e.get("scope");
        s.only("region", "constituency", "selection");
        AuditScope scope = s.as(() -> new AuditScope(s.get("region").optionalString(),
                s.get("constituency").optionalString(), s.get("selection").optionalString()));
        String previous = e.get("previous").string();
        String hash = e.get("hash").string();
        String signature = e.get("signature").string();
        if (e.has("details")) {
            e.only("seq", "previous", "scope", "details", "hash", "signature");
            return entry(service, seq, previous, scope, e.get("details"), hash, signature, e);
        }
        e.only("seq", "previous", "scope", "detailsHash", "hash", "signature");
        String detailsHash = e.get("detailsHash").string();
        return e.as(() -> new ElidedEntry(service, seq, previous, scope, detailsHash, hash, signature));
    }

    /** {@code at}: where complaints about the entry as a whole are placed. */
    private static AuditEntry entry(String service, long seq, String previous, AuditScope scope, JsonPath d,
            String hash, String signature, JsonPath at) {
        d.only("actor", "action", "target", "before", "after", "reason", "coSigner", "time");
        JsonPath a = d.get("actor");
        a.only("subject", "username", "roles");
        AuditActor actor = a.as(() -> new AuditActor(a.get("subject").string(), a.get("username").string(),
                a.get("roles").strings()));
        AuditAction action = d.as(() -> new AuditAction(scope, d.get("action").string(), d.get("target").string(),
                state(d.get("before")), state(d.get("after")), d.get("reason").optionalString(),
                d.get("coSigner").optionalString()));
        String time = d.get("time").string();
        return at.as(() -> new AuditEntry(service, seq, previous, actor, action, time, hash, signature));
    }

    private static AuditState state(JsonPath n) {
        if (n.isNull()) {
            return null;
        }
        n.only("sha256", "value");
        Object value = null;
        if (n.has("value")) {
            value = n.get("value").value();
            if (value == null) {
                throw new IllegalArgumentException(n.path() + ".value: a state kept whole is not null");
            }
        }
        Object shown = value;
        return n.as(() -> AuditState.stated(n.get("sha256").string(), shown));
    }

    private static JsonPath parse(String json) {
        try {
            return JsonPath.root(Json.parse(json));
        } catch (JsonException e) {
            throw new MalformedAuditLogException("not JSON: " + e.getMessage());
        }
    }
}
