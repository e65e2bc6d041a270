package org.selectorate.integrity.record;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.merkle.MerkleHashes;

/**
 * One vote on the record, in the order it was appended. An online entry carries the token and its credential;
 * a paper entry carries its batch reference instead. {@code leafHash} is {@link #computeLeafHash()} as
 * published (hex); the verifier recomputes it rather than trusting it.
 */
public record RecordEntry(long seq, Channel channel, String tracker, List<String> vote, String token,
        Credential credential, PaperRef paper, String leafHash) {
    public RecordEntry {
        vote = List.copyOf(vote);
    }

    /** The entry as a JSON value, without its leaf hash: the Merkle leaf is the RFC 8785 form of this. */
    public Map<String, Object> leafValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("channel", channel.id());
        m.put("tracker", tracker);
        m.put("vote", vote);
        if (token != null) {
            m.put("token", token);
        }
        if (credential != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            if (credential.prefix() != null) {
                c.put("prefix", credential.prefix());
            }
            c.put("signature", credential.signature());
            m.put("credential", c);
        }
        if (paper != null) {
            m.put("paper", Map.of("batch", paper.batch(), "item", paper.item()));
        }
        return m;
    }

    /**
     * SHA-256(0x00 || JCS(leafValue())). The canonical text is written straight from the fields, members in RFC 8785
     * order (channel, credential, paper, seq, token, tracker, vote), not through a map: every entry of a record is
     * hashed by its writer and by every verifier.
     */
    public Digest computeLeafHash() {
        StringBuilder sb = new StringBuilder(credential == null ? 160 : 640);
        sb.append("{\"channel\":");
        CanonicalJson.appendString(sb, channel.id());
        if (credential != null) {
            sb.append(",\"credential\":{");
            if (credential.prefix() != null) {
                sb.append("\"prefix\":");
                CanonicalJson.appendString(sb, credential.prefix());
                sb.append(',');
            }
            sb.append("\"signature\":");
            CanonicalJson.appendString(sb, credential.signature());
            sb.append('}');
        }
        if (paper != null) {
            sb.append(",\"paper\":{\"batch\":");
            CanonicalJson.appendString(sb, paper.batch());
            sb.append(",\"item\":");
            CanonicalJson.appendInteger(sb, paper.item());
            sb.append('}');
        }
        sb.append(",\"seq\":");
        CanonicalJson.appendInteger(sb, seq);
        if (token != null) {
            sb.append(",\"token\":");
            CanonicalJson.appendString(sb, token);
        }
        sb.append(",\"tracker\":");
        CanonicalJson.appendString(sb, tracker);
        sb.append(",\"vote\":[");
        for (int i = 0; i < vote.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            CanonicalJson.appendString(sb, vote.get(i));
        }
        sb.append("]}");
        return MerkleHashes.leaf(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

}
