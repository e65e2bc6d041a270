package org.selectorate.integrity.record;

import java.util.List;

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

    public Certification {
        reasons = List.copyOf(reasons);
        if (!CERTIFIED.equals(decision) && !REFUSED.equals(decision)) {
            throw new IllegalArgumentException("a certification is certified or refused, not " + decision);
        }
    }
}
