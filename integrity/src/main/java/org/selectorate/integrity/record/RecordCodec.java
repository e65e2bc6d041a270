package org.selectorate.integrity.record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.json.JsonPath;
import org.selectorate.integrity.json.JsonException;

/**
 * Reads and writes {@link RecordDocument} as JSON. Output is the RFC 8785 form, so one record has exactly one
 * file. Reading is strict about structure (unknown or missing members, wrong types) and leaves the checking of
 * hashes, signatures and counts to the verifier. {@link RecordStream} reads the same format from a stream, entry by
 * entry.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    public static String write(RecordDocument doc) {
        return CanonicalJson.write(documentValue(doc));
    }

    /**
     * Writes a record's text in parts, so that its entries can come one at a time (a store's pages: a national
     * record's 480,000 entries are never in memory at once): {@link #opening}, each entry in order through
     * {@link #entry}, then {@link #closing}. Together they are exactly {@link #write} of the whole document.
     */
    public static final class Writer {
        private final String opening;
        private final String closing;
        private long next;
        private boolean closed;

        /** @param withoutEntries the document, its entries left empty: they are written one at a time */
        public Writer(RecordDocument withoutEntries) {
            if (!withoutEntries.entries().isEmpty()) {
                throw new IllegalArgumentException("the entries are written one at a time, not in the document");
            }
            // RFC 8785 orders members by their UTF-16 code units; these names are ASCII, so String order is it.
            Map<String, Object> members = new TreeMap<>(documentValue(withoutEntries));
            StringBuilder before = new StringBuilder("{");
            StringBuilder after = new StringBuilder();
            StringBuilder into = before;
            boolean first = true;
            for (Map.Entry<String, Object> m : members.entrySet()) {
                if (!first) {
                    into.append(',');
                }
                first = false;
                CanonicalJson.appendString(into, m.getKey());
                into.append(':');
                if (m.getKey().equals("entries")) {
                    into.append('[');
                    into = after;
                    into.append(']');
                } else {
                    into.append(CanonicalJson.write(m.getValue()));
                }
            }
            this.opening = before.toString();
            this.closing = after.append('}').toString();
        }

        /** Everything before the first entry. */
        public String opening() {
            return opening;
        }

        /** The next entry's text, with the comma before it; entries come in their order, from 0. */
        public String entry(RecordEntry e) {
            if (closed || e.seq() != next) {
                throw new IllegalStateException(closed ? "the record is closed" : "entry " + e.seq()
                        + " where entry " + next + " was expected");
            }
            String text = CanonicalJson.write(entryValue(e));
            return next++ == 0 ? text : "," + text;
        }

        /** Everything after the last entry; no entry may follow. */
        public String closing() {
            closed = true;
            return closing;
        }
    }

    public static RecordDocument read(String json) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage());
        }
        try {
            return document(JsonPath.root(root));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
    }

    static Map<String, Object> headerValue(RecordHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", RecordDocument.SCHEMA);
        BallotInfo b = h.ballot();
        m.put("ballot", Map.of("id", b.id(), "title", b.title(), "candidates", b.candidates(),
                "withdrawn", b.withdrawn()));
        m.put("rulebook", h.rulebook());
        CountRules c = h.count();
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("method", c.method());
        count.put("seats", c.seats());
        count.put("tieBreak", Map.of("mode", c.tieBreak(), "seed", c.seed(), "precedence", c.precedence()));
        count.put("bulkExclusion", c.bulkExclusion());
        count.put("finish", c.finish());
        m.put("count", count);
        RecordKeys k = h.keys();
        m.put("keys", Map.of(
                "credential", Map.of("variant", k.credentialVariant(), "spki", k.credentialKey()),
                "treeHead", Map.of("algorithm", "Ed25519", "publicKey", k.treeHeadKey())));
        return m;
    }

    private static Map<String, Object> documentValue(RecordDocument doc) {
        Map<String, Object> m = headerValue(doc.header());
        List<Object> entries = new ArrayList<>(doc.entries().size());
        for (RecordEntry e : doc.entries()) {
            entries.add(entryValue(e));
        }
        m.put("entries", entries);
        List<Object> heads = new ArrayList<>();
        for (SignedTreeHead s : doc.treeHeads()) {
            TreeHead t = s.head();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("treeSize", t.treeSize());
            v.put("rootHash", t.rootHash());
            v.put("chainHash", t.chainHash());
            v.put("headerHash", t.headerHash());
            v.put("timestamp", t.timestamp());
            v.put("signature", s.signature());
            v.put("consistency", s.consistency());
            heads.add(v);
        }
        m.put("treeHeads", heads);
        Map<String, Object> register = new LinkedHashMap<>();
        doc.markedRegister().forEach((channel, n) -> register.put(channel.id(), n));
        m.put("markedRegister", register);
        m.put("result", doc.result());
        // Written only when there is one, so records from before accounts and certification read the same.
        if (!doc.paperAccount().isEmpty()) {
            Map<String, Object> accounts = new LinkedHashMap<>();
            doc.paperAccount().forEach((channel, a) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("issued", a.issued());
                v.put("returned", a.returned());
                v.put("rejected", new LinkedHashMap<String, Object>(a.rejected()));
                v.put("spoilt", new LinkedHashMap<String, Object>(a.spoilt()));
                v.put("counted", a.counted());
                accounts.put(channel.id(), v);
            });
            m.put("paperAccount", accounts);
        }
        Certification c = doc.certification();
        if (c != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("decision", c.decision());
            v.put("reasons", c.reasons());
            v.put("scrutineer", c.scrutineer());
            v.put("publicKey", c.publicKey());
            v.put("treeSize", c.treeSize());
            v.put("rootHash", c.rootHash());
            v.put("signature", c.signature());
            m.put("certification", v);
        }
        return m;
    }

    private static Map<String, Object> entryValue(RecordEntry e) {
        Map<String, Object> v = e.leafValue();
        v.put("leafHash", e.leafHash());
        return v;
    }

    /** The document at {@code root}; a complaint is an IllegalArgumentException naming the path. */
    static RecordDocument document(JsonPath root) {
        root.only("schema", "ballot", "rulebook", "count", "keys", "entries", "treeHeads", "markedRegister",
                "result", "paperAccount", "certification");
        String schema = root.get("schema").string();
        if (!RecordDocument.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("unsupported schema \"" + schema + "\"; this reads "
                    + RecordDocument.SCHEMA);
        }
        JsonPath b = root.get("ballot");
        b.only("id", "title", "candidates", "withdrawn");
        BallotInfo ballot = new BallotInfo(b.get("id").string(), b.get("title").string(),
                b.get("candidates").strings(), b.get("withdrawn").strings());
        JsonPath c = root.get("count");
        c.only("method", "seats", "tieBreak", "bulkExclusion", "finish");
        JsonPath t = c.get("tieBreak");
        t.only("mode", "seed", "precedence");
        CountRules count = new CountRules(c.get("method").string(), Math.toIntExact(c.get("seats").integer()),
                t.get("mode").string(), t.get("seed").integer(), t.get("precedence").strings(),
                c.get("bulkExclusion").bool(), c.get("finish").string());
        JsonPath k = root.get("keys");
        k.only("credential", "treeHead");
        JsonPath kc = k.get("credential");
        kc.only("variant", "spki");
        JsonPath kt = k.get("treeHead");
        kt.only("algorithm", "publicKey");
        if (!"Ed25519".equals(kt.get("algorithm").string())) {
            throw new IllegalArgumentException(kt.path() + ".algorithm: only Ed25519 is supported");
        }
        RecordKeys keys = new RecordKeys(kc.get("variant").string(), kc.get("spki").string(),
                kt.get("publicKey").string());
        RecordHeader header = new RecordHeader(ballot, root.get("rulebook").object(), count, keys);

        List<JsonPath> entryNodes = root.get("entries").items();
        List<RecordEntry> entries = new ArrayList<>(entryNodes.size());
        for (JsonPath e : entryNodes) {
            entries.add(entry(e));
        }
        List<SignedTreeHead> heads = new ArrayList<>();
        for (JsonPath h : root.get("treeHeads").items()) {
            h.only("treeSize", "rootHash", "chainHash", "headerHash", "timestamp", "signature", "consistency");
            heads.add(new SignedTreeHead(new TreeHead(ballot.id(), h.get("treeSize").integer(),
                    h.get("rootHash").string(), h.get("chainHash").string(), h.get("headerHash").string(),
                    h.get("timestamp").string()), h.get("signature").string(), h.get("consistency").strings()));
        }
        Map<Channel, Long> register = new EnumMap<>(Channel.class);
        JsonPath r = root.get("markedRegister");
        for (String name : r.object().keySet()) {
            register.put(r.get(name).as(() -> Channel.fromId(name)), r.get(name).integer());
        }
        JsonPath result = root.get("result");
        Map<Channel, ChannelAccount> accounts = new EnumMap<>(Channel.class);
        if (root.has("paperAccount")) {
            JsonPath pa = root.get("paperAccount");
            for (String name : pa.object().keySet()) {
                JsonPath a = pa.get(name);
                a.only("issued", "returned", "rejected", "spoilt", "counted");
                accounts.put(a.as(() -> Channel.fromId(name)), a.as(() -> new ChannelAccount(a.get("issued").integer(),
                        a.get("returned").integer(), counts(a.get("rejected")), counts(a.get("spoilt")),
                        a.get("counted").integer())));
            }
        }
        Certification certification = null;
        if (root.has("certification") && !root.get("certification").isNull()) {
            JsonPath cn = root.get("certification");
            cn.only("decision", "reasons", "scrutineer", "publicKey", "treeSize", "rootHash", "signature");
            certification = cn.as(() -> new Certification(cn.get("decision").string(), cn.get("reasons").strings(),
                    cn.get("scrutineer").string(), cn.get("publicKey").string(), cn.get("treeSize").integer(),
                    cn.get("rootHash").string(), cn.get("signature").string()));
        }
        return new RecordDocument(header, entries, heads, register, result.isNull() ? null : result.object(),
                accounts, certification);
    }

    private static Map<String, Long> counts(JsonPath node) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String name : node.object().keySet()) {
            m.put(name, node.get(name).integer());
        }
        return m;
    }

    /** The entry at {@code e}; a complaint is an IllegalArgumentException naming the path. */
    static RecordEntry entry(JsonPath e) {
        e.only("seq", "channel", "tracker", "vote", "token", "credential", "paper", "leafHash");
        Channel channel = e.get("channel").as(() -> Channel.fromId(e.get("channel").string()));
        Credential credential = null;
        PaperRef paper = null;
        String token = null;
        if (channel.isPaper()) {
            absent(e, "token", "credential");
            JsonPath p = e.get("paper");
            p.only("batch", "item");
            paper = p.as(() -> new PaperRef(p.get("batch").string(), p.get("item").integer()));
        } else {
            absent(e, "paper");
            token = e.get("token").string();
            JsonPath c = e.get("credential");
            c.only("prefix", "signature");
            String prefix = c.has("prefix") ? c.get("prefix").string() : null;
            credential = c.as(() -> new Credential(prefix, c.get("signature").string()));
        }
        return new RecordEntry(e.get("seq").integer(), channel, e.get("tracker").string(), e.get("vote").strings(),
                token, credential, paper, e.get("leafHash").string());
    }

    private static void absent(JsonPath node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                throw new IllegalArgumentException(node.path() + ": \"" + n + "\" does not belong to this channel");
            }
        }
    }
}
