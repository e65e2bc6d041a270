package org.selectorate.membership.roll;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

    public record CheckRequest(@NotBlank @Size(max = 40) String membershipNumber,
                               @NotBlank @Size(max = 254) String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckAnswer(boolean onRoll, Integer version, Long leafIndex, String leaf, String leafHash,
                              List<String> proof, Long treeSize, String root) {
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
