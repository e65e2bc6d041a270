package org.selectorate.integrity.record;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * A scrutineer's decision on a counted record: certified, or refused with reasons, signed with the scrutineer's own
 * Ed25519 key over the record's final tree head, so the decision cannot be moved to another record or state.
 *
 * @param decision  {@link #CERTIFIED} or {@link #REFUSED}
 * @param reasons   why it was refused (empty when certified)
 * @param scrutineer who decided, as their account names them
 * @param publicKey the scrutineer's public key, base64url of its 32 raw bytes
 * @param treeSize  the final tree head's size
 * @param rootHash  the final tree head's root, hex
 * @param signature base64url Ed25519 signature over the canonical statement
 */
public record Certification(String decision, List<String> reasons, String scrutineer, String publicKey,
        long treeSize, String rootHash, String signature) {
    public static final String CERTIFIED = "certified";
    public static final String REFUSED = "refused";
    public static final String STATEMENT = "selectorate-certification/1";

    public Certification {
        reasons = List.copyOf(reasons);
        if (!CERTIFIED.equals(decision) && !REFUSED.equals(decision)) {
            throw new IllegalArgumentException("a certification is certified or refused, not " + decision);
        }
        if (REFUSED.equals(decision) && reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal gives its reasons");
        }
    }

    /**
     * The bytes the scrutineer signs: RFC 8785 canonical JSON of {@code statement} ({@value #STATEMENT}), the ballot,
     * the decision, the reasons, the scrutineer and the final tree head's size and root.
     */
    public static byte[] statement(String ballotId, String decision, List<String> reasons, String scrutineer,
            long treeSize, String rootHash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement", STATEMENT);
        m.put("ballot", ballotId);
        m.put("decision", decision);
        m.put("reasons", List.copyOf(reasons));
        m.put("scrutineer", scrutineer);
        m.put("treeSize", treeSize);
        m.put("rootHash", rootHash);
        return CanonicalJson.bytes(m);
    }

    /** This decision's statement for {@code ballotId}. */
    public byte[] statement(String ballotId) {
        return statement(ballotId, decision, reasons, scrutineer, treeSize, rootHash);
    }

    /** Whether {@link #signature} is {@link #publicKey}'s signature over this decision on {@code ballotId}. */
    public boolean verify(String ballotId) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(Ed25519Keys.decode(publicKey));
            v.update(statement(ballotId));
            return v.verify(Base64Url.decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
