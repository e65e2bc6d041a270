package org.selectorate.integrity.record;

import java.util.Map;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * What is fixed when a ballot opens: the ballot and its candidates, the rulebook (any JSON object, as
 * ballot-service publishes it), the count rules and the public keys. Every signed tree head carries
 * {@link #hash()}, so none of this can be swapped after the fact without the record's key.
 */
public record RecordHeader(BallotInfo ballot, Map<String, Object> rulebook, CountRules count, RecordKeys keys) {
    public RecordHeader {
        rulebook = RecordDocument.jsonObject(rulebook);
    }

    /** SHA-256 of the RFC 8785 form of {@link RecordCodec#headerValue(RecordHeader)}, in hex. */
    public String hash() {
        return Digest.sha256(CanonicalJson.bytes(RecordCodec.headerValue(this))).hex();
    }
}
