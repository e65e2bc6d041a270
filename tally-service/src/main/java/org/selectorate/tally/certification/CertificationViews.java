package org.selectorate.tally.certification;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.tally.count.ResultExamples;
import org.selectorate.tally.record.RecordExamples;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of certification and declaration. */
public final class CertificationViews {
    // Examples for the API contract: the scrutineer's certification of the example record's final tree head. The
    // signature verifies with the key over the statement; the key pair was made for the examples only.
    private static final String SCRUTINEER = "scrutineer";
    private static final String SCRUTINEER_KEY = "dLdQ3fuVbkM3ybvM4G24q2lIUp1K4FSCGIQjUonKrzE";
    private static final String SIGNATURE =
            "tSbzyGqZek0fGUSb699HcDuF4tlH1tRL7wPPgf99TUOPCeXIaN-KBYb-_n_x-waPHyQhWZvMB5XILDfjGcO7Bw";
    private static final String TITLE = "Selection of the parliamentary candidate for NW-001";
    private static final String SELECTION_ID = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f";

    /** @param publicKey the scrutineer's Ed25519 public key, base64url of its 32 raw bytes */
    public record KeyRequest(@Schema(example = SCRUTINEER_KEY) String publicKey) {
    }

    /** @param previous keys registered before this one, still kept (decisions signed with them stand) */
    public record KeyView(@Schema(example = SCRUTINEER) String account,
                          @Schema(example = SCRUTINEER_KEY) String publicKey,
                          @Schema(example = "2026-12-01T16:00:00Z") Instant registeredAt,
                          @Schema(example = "1") long previous) {
    }

    /** A decision's fields, exactly as signed (the record's {@code certification}). */
    public record DecisionRequest(@Schema(example = "certified") String decision,
                                  @Schema(example = "[]") List<String> reasons,
                                  @Schema(example = SCRUTINEER) String scrutineer,
                                  @Schema(example = SCRUTINEER_KEY) String publicKey,
                                  @Schema(example = RecordExamples.TREE_SIZE) Long treeSize,
                                  @Schema(example = RecordExamples.ROOT_HASH) String rootHash,
                                  @Schema(example = SIGNATURE) String signature) {
    }

    public record Decision(@Schema(example = "certified") String decision,
                           @Schema(example = "[]") List<String> reasons,
                           @Schema(example = SCRUTINEER) String scrutineer,
                           @Schema(example = SCRUTINEER_KEY) String publicKey,
                           @Schema(example = RecordExamples.TREE_SIZE) long treeSize,
                           @Schema(example = RecordExamples.ROOT_HASH) String rootHash,
                           @Schema(example = SIGNATURE) String signature,
                           @Schema(example = "2026-12-15T10:00:00Z") Instant decidedAt) {
        static Decision of(CertificationDecision d) {
            return new Decision(d.decision, d.reasonList(), d.scrutineer, d.publicKey, d.treeSize, d.rootHash,
                    d.signature, d.decidedAt);
        }
    }

    /** @param certifiedBy the scrutineer whose certification was declared */
    public record Declaration(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                              @Schema(example = SELECTION_ID) String selectionId,
                              @Schema(example = ResultExamples.ELECTED) List<String> elected,
                              @Schema(example = "regional") String declaredBy,
                              @Schema(example = "2026-12-15T12:00:00Z") Instant declaredAt,
                              @Schema(example = SCRUTINEER) String certifiedBy) {
    }

    /**
     * What anyone may read of a ballot's certification.
     *
     * @param standing    the latest decision ({@code certified} or {@code refused}), null if none was made
     * @param decisions   every decision, oldest first
     * @param declaration null until declared
     */
    public record Decisions(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                            @Schema(example = "certified") String standing,
                            List<Decision> decisions,
                            Declaration declaration) {
    }

    /** The count as the scrutineer reviews it before signing. */
    public record Figures(@Schema(example = ResultExamples.ELECTED) List<Object> elected,
                          @Schema(example = ResultExamples.VOTES) long votes,
                          @Schema(example = ResultExamples.VOTES_BY_CHANNEL) Map<String, Object> votesByChannel,
                          @Schema(example = ResultExamples.MARKED_REGISTER) Map<String, Long> markedRegister,
                          @Schema(example = ResultExamples.METHOD) String method,
                          @Schema(example = ResultExamples.STAGES) List<Object> stages) {
    }

    /**
     * What a scrutineer reads before signing: the final tree head the statement must name, the figures, the anomaly
     * flags published with the result (none if the result carries none), and the decisions so far.
     *
     * @param scrutineer the caller's account name, as the statement must give it
     * @param statement  {@code selectorate-certification/1}, the statement's schema
     */
    public record Review(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                         @Schema(example = SELECTION_ID) String selectionId,
                         @Schema(example = TITLE) String title,
                         @Schema(example = "counted") String status,
                         @Schema(example = "selectorate-certification/1") String statement,
                         @Schema(example = SCRUTINEER) String scrutineer,
                         @Schema(example = RecordExamples.TREE_SIZE) long treeSize,
                         @Schema(example = RecordExamples.ROOT_HASH) String rootHash,
                         Figures result,
                         @Schema(example = ResultExamples.ANOMALIES) List<Object> anomalies,
                         @Schema(example = "certified") String standing,
                         List<Decision> decisions,
                         Declaration declaration) {
    }

    private CertificationViews() {
    }
}
