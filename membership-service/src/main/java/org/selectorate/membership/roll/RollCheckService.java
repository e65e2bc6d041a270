package org.selectorate.membership.roll;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.integrity.merkle.MerkleTree;
import org.selectorate.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * A member's "am I on the roll?": with the right membership number and email they get their entry
 * and its inclusion proof against the published root; anything else gets the same bare "no", so the
 * answer never tells which of the two was wrong.
 */
@ApplicationScoped
public class RollCheckService {
    private final RollTrees trees;

    public RollCheckService(RollTrees trees) {
        this.trees = trees;
    }

    /** The audit path of the example's leaf (index 122) in a 1,200-leaf roll: it verifies against the example root. */
    private static final String PROOF_EXAMPLE = "["
            + "\"ca7e5acaff48079d820d82c231403f364297add88adf0e9a4f931725d21f8630\", "
            + "\"d84a8786349bdb518915c9c071e0e600aeeb173bc0fdc61b38238b76983dd7fe\", "
            + "\"d7a0a1fec0815801cecb38af0da0b5329240e6e45775341fdd8b951daf2719d6\", "
            + "\"8e3599b1658829ade45806791aee9ebb2b43521156664161d6a1256d833e6198\", "
            + "\"65192199a55341933710fed394fcd206f2e20aa9a0e299a669774f079cd81241\", "
            + "\"0d51bd265a05f8d887e165a6e1029cd77ca79490dffd9bcc119655d403489bf9\", "
            + "\"d4590cdaf34ce9e111bfbd4aef494263aa2d1b9c881fd009e9739bcf4e13663c\", "
            + "\"4df96861e4f7d4d6be22e6478afa60adcd78cebd872c19b8712e65e269b921c8\", "
            + "\"52cbe9685fc377390f7c6fb3e4510c8120e246ad6f72e504feed85f4ad613988\", "
            + "\"5d230a8506a73b60dc58b129c69bfbe3a7d1465ec50277c07422c2ca4b7c131f\", "
            + "\"b90b8d0ada194031d99b2563051ee52d4de93de1b0d86040eaf009b55089e206\""
            + "]";

    public record CheckRequest(@Schema(example = "NW-001-000123") @NotBlank @Size(max = 40) String membershipNumber,
                               @Schema(example = "sam.okafor@example.org") @NotBlank @Size(max = 254) String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckAnswer(boolean onRoll,
                              @Schema(example = "2") Integer version,
                              @Schema(example = "122") Long leafIndex,
                              @Schema(example = "{\"branch\":\"NW-001-B1\",\"email\":\"sam.okafor@example.org\","
                                      + "\"membershipNumber\":\"NW-001-000123\",\"name\":\"Sam Okafor\"}")
                              String leaf,
                              @Schema(example = "7fea0316538d4a979c9232c5dd4af677712ea0992f2a61832b1e3c3c2485ec49")
                              String leafHash,
                              @Schema(example = PROOF_EXAMPLE) List<String> proof,
                              @Schema(example = "1200") Long treeSize,
                              @Schema(example = "a8bc46021717ad7d492b3551ad3e327a500efc3a6a12fefc2035c704e7488c81")
                              String root) {
        static final CheckAnswer NOT_ON_ROLL = new CheckAnswer(false, null, null, null, null, null, null, null);
    }

    /** Projection: the latest version number without its leaf hashes. */
    public record LatestVersion(int version) {
    }

    @WithSession
    public Uni<CheckAnswer> check(String selectionId, CheckRequest request) {
        return RollVersion.find("selectionId = ?1 order by version desc", selectionId)
                .project(LatestVersion.class).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("the roll of selection " + selectionId))
                .chain(latest -> tree(selectionId, latest.version())
                        .chain(tree -> RollEntry.<RollEntry>find(
                                        "selectionId = ?1 and version = ?2 and membershipNumber = ?3",
                                        selectionId, latest.version(), request.membershipNumber().trim())
                                .firstResult()
                                .map(entry -> answer(entry, request.email(), tree, latest.version()))));
    }

    private Uni<MerkleTree> tree(String selectionId, int version) {
        MerkleTree cached = trees.get(selectionId, version);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return RollVersion.<RollVersion>findById(new RollVersion.Key(selectionId, version))
                .map(v -> trees.put(selectionId, version, () -> CanonicalRoll.unpack(v.leafHashes)));
    }

    private static CheckAnswer answer(RollEntry entry, String email, MerkleTree tree, int version) {
        // The email comparison runs whether or not the number matched, in constant time.
        boolean emailMatches = MessageDigest.isEqual(normalised(email),
                normalised(entry == null ? "" : entry.email));
        if (entry == null || !emailMatches) {
            return CheckAnswer.NOT_ON_ROLL;
        }
        String leaf = CanonicalRoll.leaf(entry.elector());
        Digest leafHash = CanonicalRoll.leafHash(leaf);
        InclusionProof proof = tree.inclusionProof(entry.leafIndex, tree.size());
        return new CheckAnswer(true, version, (long) entry.leafIndex, leaf, leafHash.hex(),
                proof.path().stream().map(Digest::hex).toList(), tree.size(), tree.root().hex());
    }

    private static byte[] normalised(String email) {
        return Digest.sha256(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toBytes();
    }
}
