package org.selectorate.integrity.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
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
        Node root = Node.parse(json);
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
        Node details = Node.parse(detailsJson);
        try {
            return entry(service, seq, previous, scope, details, hash, signature, details);
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditLogException("stored entry " + seq + ": " + e.getMessage());
        }
    }

    private static AuditLog log(Node root) {
        root.only("schema", "service", "key", "filter", "entries");
        String schema = root.get("schema").string();
        if (!AuditLog.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("unsupported schema \"" + schema + "\"; this reads " + AuditLog.SCHEMA);
        }
        String service = root.get("service").string();
        Node k = root.get("key");
        k.only("algorithm", "publicKey");
        if (!"Ed25519".equals(k.get("algorithm").string())) {
            throw new IllegalArgumentException(k.path + ".algorithm: only Ed25519 is supported");
        }
        Node pk = k.get("publicKey");
        AuditKey key = pk.as(() -> AuditKey.fromEncoded(pk.string()));
        Node f = root.get("filter");
        f.only("selection", "area");
        String selection = f.get("selection").optionalString();
        Node a = f.get("area");
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
        for (Node e : root.get("entries").items()) {
            entries.add(link(service, e));
        }
        return new AuditLog(service, key, filter, entries);
    }

    private static AuditLink link(String service, Node e) {
        long seq = e.get("seq").integer();
        Node s = e.get("scope");
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
    private static AuditEntry entry(String service, long seq, String previous, AuditScope scope, Node d,
            String hash, String signature, Node at) {
        d.only("actor", "action", "target", "before", "after", "reason", "coSigner", "time");
        Node a = d.get("actor");
        a.only("subject", "username", "roles");
        AuditActor actor = a.as(() -> new AuditActor(a.get("subject").string(), a.get("username").string(),
                a.get("roles").strings()));
        AuditAction action = d.as(() -> new AuditAction(scope, d.get("action").string(), d.get("target").string(),
                state(d.get("before")), state(d.get("after")), d.get("reason").optionalString(),
                d.get("coSigner").optionalString()));
        String time = d.get("time").string();
        return at.as(() -> new AuditEntry(service, seq, previous, actor, action, time, hash, signature));
    }

    private static AuditState state(Node n) {
        if (n.isNull()) {
            return null;
        }
        n.only("sha256", "value");
        Object value = null;
        if (n.has("value")) {
            value = n.get("value").value;
            if (value == null) {
                throw new IllegalArgumentException(n.path + ".value: a state kept whole is not null");
            }
        }
        Object shown = value;
        return n.as(() -> AuditState.stated(n.get("sha256").string(), shown));
    }

    /** A value in the parsed tree with its JSON path, so every complaint says where. */
    private static final class Node {
        private final Object value;
        private final String path;

        private Node(Object value, String path) {
            this.value = value;
            this.path = path;
        }

        static Node parse(String json) {
            try {
                return new Node(Json.parse(json), "$");
            } catch (JsonException e) {
                throw new MalformedAuditLogException("not JSON: " + e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            if (!(value instanceof Map)) {
                throw new IllegalArgumentException(path + ": expected an object");
            }
            return (Map<String, Object>) value;
        }

        boolean has(String name) {
            return object().containsKey(name);
        }

        Node get(String name) {
            Map<String, Object> m = object();
            if (!m.containsKey(name)) {
                throw new IllegalArgumentException(path + ": missing \"" + name + "\"");
            }
            return new Node(m.get(name), path + "." + name);
        }

        void only(String... names) {
            List<String> allowed = List.of(names);
            for (String k : object().keySet()) {
                if (!allowed.contains(k)) {
                    throw new IllegalArgumentException(path + ": unknown member \"" + k + "\"");
                }
            }
        }

        List<Node> items() {
            if (!(value instanceof List)) {
                throw new IllegalArgumentException(path + ": expected an array");
            }
            List<?> list = (List<?>) value;
            List<Node> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(new Node(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        List<String> strings() {
            List<String> out = new ArrayList<>();
            for (Node n : items()) {
                out.add(n.string());
            }
            return out;
        }

        String string() {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException(path + ": expected a string");
            }
            return (String) value;
        }

        String optionalString() {
            return isNull() ? null : string();
        }

        long integer() {
            if (!(value instanceof Long)) {
                throw new IllegalArgumentException(path + ": expected an integer");
            }
            return (Long) value;
        }

        boolean isNull() {
            return value == null;
        }

        /** Builds a value, prefixing any complaint with this node's path. */
        <T> T as(Supplier<T> build) {
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
    }
}
