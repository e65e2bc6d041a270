package org.selectorate.integrity.record;

import java.util.Collections;
import java.util.EnumMap;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The public record of one ballot, as exported and as the verifier reads it (schema {@value #SCHEMA},
 * documented in docs/record-schema.md). {@code result} is the count report as the counting module writes it
 * (null until the count); {@code markedRegister} counts members marked as having been issued a ballot, per
 * channel.
 */
public record RecordDocument(RecordHeader header, List<RecordEntry> entries, List<SignedTreeHead> treeHeads,
        Map<Channel, Long> markedRegister, Map<String, Object> result) {
    public static final String SCHEMA = "selectorate-record/1";

    public RecordDocument {
        entries = List.copyOf(entries);
        treeHeads = List.copyOf(treeHeads);
        markedRegister = Collections.unmodifiableMap(markedRegister.isEmpty()
                ? new EnumMap<>(Channel.class) : new EnumMap<>(markedRegister));
        result = result == null ? null : jsonObject(result);
    }

    /**
     * A JSON object as the parser would return it (Long for integers, unmodifiable), so a document equals
     * itself after a round trip; values with no JSON form are refused here rather than when hashed.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(Map<String, Object> value) {
        return (Map<String, Object>) Json.parse(CanonicalJson.write(value));
    }

    public String ballotId() {
        return header.ballot().id();
    }
}
