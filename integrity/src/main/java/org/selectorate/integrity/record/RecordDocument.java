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
 * channel; {@code paperAccount} is each channel's ballot paper account (empty before the count, or for a record
 * from before accounts were kept); {@code certification} the scrutineer's signed decision, null until made.
 */
public record RecordDocument(RecordHeader header, List<RecordEntry> entries, List<SignedTreeHead> treeHeads,
        Map<Channel, Long> markedRegister, Map<String, Object> result, Map<Channel, ChannelAccount> paperAccount,
        Certification certification) {
    public static final String SCHEMA = "selectorate-record/1";

    public RecordDocument {
        entries = List.copyOf(entries);
        treeHeads = List.copyOf(treeHeads);
        markedRegister = Collections.unmodifiableMap(markedRegister.isEmpty()
                ? new EnumMap<>(Channel.class) : new EnumMap<>(markedRegister));
        result = result == null ? null : jsonObject(result);
        paperAccount = Collections.unmodifiableMap(paperAccount.isEmpty()
                ? new EnumMap<>(Channel.class) : new EnumMap<>(paperAccount));
    }

    /** A record without a paper account or certification. */
    public RecordDocument(RecordHeader header, List<RecordEntry> entries, List<SignedTreeHead> treeHeads,
            Map<Channel, Long> markedRegister, Map<String, Object> result) {
        this(header, entries, treeHeads, markedRegister, result, Map.of(), null);
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
