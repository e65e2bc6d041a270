package org.selectorate.integrity.record;

import java.util.LinkedHashMap;
import java.util.Map;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * The state of a ballot's record at one moment: how many entries, the Merkle root over them, the hash chain's
 * head after the last, the hash of the record's header (ballot, candidates, rules, keys) and the time (UTC,
 * ISO-8601). Signing it commits the operator to all of these at once.
 */
public record TreeHead(String ballotId, long treeSize, String rootHash, String chainHash, String headerHash,
        String timestamp) {
    public static final String SCHEMA = "selectorate-tree-head/1";

    /** The signed bytes: RFC 8785 form of the head with its schema. */
    public byte[] signingBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("ballot", ballotId);
        m.put("treeSize", treeSize);
        m.put("rootHash", rootHash);
        m.put("chainHash", chainHash);
        m.put("headerHash", headerHash);
        m.put("timestamp", timestamp);
        return CanonicalJson.bytes(m);
    }
}
