package org.selectorate.verifier.check;

import java.util.List;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;

/**
 * The scrutineer's decision, if the record carries one: its signature verifies under the key it names, for this
 * ballot, over the record's final signed tree head (so it cannot have been made on an earlier or other state). A
 * refusal is a finding with its reasons: the result it refused is not certified. A record with no decision passes
 * as "not certified" (records are published, and verified, before a scrutineer signs them off), unless a
 * certification is required, as it is of a declared result. The key is the record's own word unless the scrutineer's
 * key, as they gave it, is pinned: then a decision under any other key is a finding.
 */
public final class CertificationCheck implements Check {
    private final boolean required;
    private final String scrutineerKey;

    /**
     * @param required      whether a record without a certification fails (a declared result must be certified)
     * @param scrutineerKey the scrutineer's public key (base64url of its 32 bytes) the decision must be under, or
     *                      null to accept the key it names; a pinned key implies {@code required}
     */
    public CertificationCheck(boolean required, String scrutineerKey) {
        this.required = required || scrutineerKey != null;
        this.scrutineerKey = scrutineerKey;
    }

    /** A record without a certification passes as "not certified"; any key is the record's word. */
    public static CertificationCheck optional() {
        return new CertificationCheck(false, null);
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("certification");
        RecordDocument doc = facts.document();
        Certification c = doc.certification();
        if (c == null) {
            if (required) {
                f.problem("no scrutineer's certification on the record, and a declared result must be certified");
            }
            return f.result("not certified: no scrutineer's decision on this record yet", "not certified");
        }
        String who = c.scrutineer() + " (key " + c.publicKey() + ")";
        if (scrutineerKey != null && !scrutineerKey.equals(c.publicKey())) {
            f.problem("the decision is signed by " + who + ", not by the scrutineer's key " + scrutineerKey);
        }
        if (!c.verify(doc.ballotId())) {
            f.problem("the signature by " + who + " does not verify over this decision on ballot " + doc.ballotId());
        }
        List<SignedTreeHead> heads = doc.treeHeads();
        if (heads.isEmpty()) {
            f.problem("the decision is over tree head size " + c.treeSize() + " but the record has no signed head");
        } else {
            TreeHead last = heads.get(heads.size() - 1).head();
            if (last.treeSize() != c.treeSize() || !last.rootHash().equals(c.rootHash())) {
                f.problem("the decision is over tree head size " + c.treeSize() + " (root " + c.rootHash()
                        + "), not the record's final signed head, size " + last.treeSize() + " (root "
                        + last.rootHash() + ")");
            }
        }
        boolean refused = Certification.REFUSED.equals(c.decision());
        if (refused) {
            f.problem("refused by " + c.scrutineer() + ": " + String.join("; ", c.reasons()));
        }
        return f.result("certified by " + who + " over the final tree head, size " + c.treeSize(),
                refused ? "refused by " + c.scrutineer() : "the certification does not hold for this record");
    }
}
