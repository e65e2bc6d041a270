package org.selectorate.tally.certification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of certification and declaration. */
public final class CertificationViews {

    /** @param publicKey the scrutineer's Ed25519 public key, base64url of its 32 raw bytes */
    public record KeyRequest(String publicKey) {
    }

    /** @param previous keys registered before this one, still kept (decisions signed with them stand) */
    public record KeyView(String account, String publicKey, Instant registeredAt, long previous) {
    }

    /** A decision's fields, exactly as signed (the record's {@code certification}). */
    public record DecisionRequest(String decision, List<String> reasons, String scrutineer, String publicKey,
                                  Long treeSize, String rootHash, String signature) {
    }

    public record Decision(String decision, List<String> reasons, String scrutineer, String publicKey,
                           long treeSize, String rootHash, String signature, Instant decidedAt) {
        static Decision of(CertificationDecision d) {
            return new Decision(d.decision, d.reasonList(), d.scrutineer, d.publicKey, d.treeSize, d.rootHash,
                    d.signature, d.decidedAt);
        }
    }

    /** @param certifiedBy the scrutineer whose certification was declared */
    public record Declaration(String ballotId, String selectionId, List<String> elected, String declaredBy,
                              Instant declaredAt, String certifiedBy) {
    }

    /**
     * What anyone may read of a ballot's certification.
     *
     * @param standing    the latest decision ({@code certified} or {@code refused}), null if none was made
     * @param decisions   every decision, oldest first
     * @param declaration null until declared
     */
    public record Decisions(String ballotId, String standing, List<Decision> decisions, Declaration declaration) {
    }

    /** The count as the scrutineer reviews it before signing. */
    public record Figures(List<Object> elected, long votes, Map<String, Object> votesByChannel,
                          Map<String, Long> markedRegister, String method, List<Object> stages) {
    }

    /**
     * What a scrutineer reads before signing: the final tree head the statement must name, the figures, the anomaly
     * flags published with the result (none if the result carries none), and the decisions so far.
     *
     * @param scrutineer the caller's account name, as the statement must give it
     * @param statement  {@code selectorate-certification/1}, the statement's schema
     */
    public record Review(String ballotId, String selectionId, String title, String status, String statement,
                         String scrutineer, long treeSize, String rootHash, Figures result, List<Object> anomalies,
                         String standing, List<Decision> decisions, Declaration declaration) {
    }

    private CertificationViews() {
    }
}
