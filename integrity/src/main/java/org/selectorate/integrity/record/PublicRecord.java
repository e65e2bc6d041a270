package org.selectorate.integrity.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.chain.HashChain;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.ConsistencyProof;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.integrity.merkle.MerkleTree;
import org.selectorate.integrity.tracker.Tracker;

/**
 * The append-only public record of one ballot, as its single writer (the tally service's partition owner)
 * builds it: each accepted vote becomes an entry with a tracker, a Merkle leaf and a chain link; tree heads are
 * signed on demand. It refuses anything the verifier would later flag: a bad credential, a reused token, an
 * invalid ranking, a paper item entered twice. Not thread-safe.
 */
public final class PublicRecord {
    private final RecordHeader header;
    private final String headerHash;
    private final BlindVerificationKey credentialKey;
    private final TreeHeadSigner signer;
    private final MerkleTree tree = new MerkleTree();
    private final HashChain chain;
    private final List<RecordEntry> entries = new ArrayList<>();
    private final List<SignedTreeHead> heads = new ArrayList<>();
    private final Set<Token> tokens = new HashSet<>();
    private final Set<Tracker> trackers = new HashSet<>();
    private final Set<PaperRef> papers = new HashSet<>();

    private PublicRecord(RecordHeader header, BlindVerificationKey credentialKey, TreeHeadSigner signer) {
        this.header = header;
        this.headerHash = header.hash();
        this.credentialKey = credentialKey;
        this.signer = signer;
        this.chain = new HashChain(header.ballot().id());
    }

    /** A new, empty record for a ballot that is opening. */
    public static PublicRecord open(BallotInfo ballot, Map<String, Object> rulebook, CountRules count,
            BlindVerificationKey credentialKey, TreeHeadSigner signer) {
        RecordHeader header = new RecordHeader(ballot, rulebook, count,
                RecordKeys.of(credentialKey, signer.publicKey()));
        return new PublicRecord(header, credentialKey, signer);
    }

    /**
     * Rebuilds the writer's state from a stored record (after a restart or a partition move), checking every
     * leaf hash, token and tracker as it goes; credentials were checked when first appended and are not
     * re-verified. The signer must be the record's own key.
     */
    public static PublicRecord resume(RecordDocument stored, TreeHeadSigner signer) {
        RecordKeys keys = stored.header().keys();
        if (!keys.treeHeadKey().equals(signer.publicKey().encoded())) {
            throw new IllegalArgumentException("this signer is not the record's tree-head key");
        }
        BlindVerificationKey credentialKey = BlindVerificationKey.fromEncoded(
                BlindRsaVariant.fromId(keys.credentialVariant()), keys.credentialKey());
        PublicRecord r = new PublicRecord(stored.header(), credentialKey, signer);
        for (RecordEntry e : stored.entries()) {
            RecordEntry rebuilt = e.channel().isPaper()
                    ? r.appendPaper(e.channel(), e.vote(), e.paper())
                    : r.append(e.vote(), Token.fromEncoded(e.token()), e.credential(), false);
            if (!rebuilt.equals(e)) {
                throw new IllegalArgumentException("stored entry " + e.seq() + " does not match its recomputation");
            }
        }
        r.heads.addAll(stored.treeHeads());
        return r;
    }

    public RecordHeader header() {
        return header;
    }

    public long size() {
        return entries.size();
    }

    public Digest root() {
        return tree.root();
    }

    public Digest chainHead() {
        return chain.head();
    }

    /**
     * Appends an online vote after checking its credential, that its token is new and that it ranks only
     * candidates, each once. The returned entry carries the voter's tracker.
     *
     * @throws RejectedEntryException and appends nothing, otherwise
     */
    public RecordEntry appendOnline(List<String> vote, Token token, Credential credential) {
        return append(vote, token, credential, true);
    }

    private RecordEntry append(List<String> vote, Token token, Credential credential, boolean verify) {
        checkVote(vote);
        if (tokens.contains(token)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.TOKEN_ALREADY_USED,
                    "this credential has already been used to vote");
        }
        if (verify && !credentialKey.verify(CredentialMessage.of(header.ballot().id(), token), credential)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.BAD_CREDENTIAL,
                    "the credential is not a valid signature for this ballot");
        }
        Tracker tracker = Tracker.forToken(header.ballot().id(), token);
        RecordEntry entry = add(Channel.ONLINE, tracker, vote, token.encoded(), credential, null);
        tokens.add(token);
        return entry;
    }

    /**
     * Appends a paper vote (postal or in person), entered and reconciled by two tellers, identified by its
     * batch and item.
     *
     * @throws RejectedEntryException and appends nothing, if the item was entered before or the vote is invalid
     */
    public RecordEntry appendPaper(Channel channel, List<String> vote, PaperRef paper) {
        if (!channel.isPaper()) {
            throw new RejectedEntryException(RejectedEntryException.Reason.WRONG_CHANNEL,
                    "online votes need a credential");
        }
        checkVote(vote);
        if (papers.contains(paper)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.PAPER_ALREADY_ENTERED,
                    "item " + paper.item() + " of batch " + paper.batch() + " is already on the record");
        }
        Tracker tracker = Tracker.forPaper(header.ballot().id(), paper.batch(), paper.item());
        RecordEntry entry = add(channel, tracker, vote, null, null, paper);
        papers.add(paper);
        return entry;
    }

    private void checkVote(List<String> vote) {
        String problem = header.ballot().voteProblem(vote);
        if (problem != null) {
            throw new RejectedEntryException(RejectedEntryException.Reason.INVALID_VOTE, "the vote " + problem);
        }
    }

    private RecordEntry add(Channel channel, Tracker tracker, List<String> vote, String token,
            Credential credential, PaperRef paper) {
        if (trackers.contains(tracker)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.TRACKER_CLASH,
                    "tracker " + tracker + " is already on this record");
        }
        RecordEntry draft = new RecordEntry(entries.size(), channel, tracker.value(), vote, token, credential,
                paper, null);
        Digest leaf = draft.computeLeafHash();
        RecordEntry entry = new RecordEntry(draft.seq(), channel, tracker.value(), vote, token, credential, paper,
                leaf.hex());
        tree.append(leaf);
        chain.append(leaf);
        entries.add(entry);
        trackers.add(tracker);
        return entry;
    }

    /** Signs the current state. Timestamps never go backwards, so neither may the clock passed in. */
    public SignedTreeHead signTreeHead(Instant now) {
        if (!heads.isEmpty() && Instant.parse(heads.get(heads.size() - 1).head().timestamp()).isAfter(now)) {
            throw new IllegalArgumentException("tree head time " + now + " is before the previous head's");
        }
        TreeHead head = new TreeHead(header.ballot().id(), size(), tree.root().hex(), chain.head().hex(),
                headerHash, now.toString());
        SignedTreeHead signed = signer.sign(head);
        if (!heads.isEmpty()) {
            long previous = heads.get(heads.size() - 1).head().treeSize();
            signed = signed.withConsistency(tree.consistencyProof(previous, size()).path().stream()
                    .map(Digest::hex).toList());
        }
        heads.add(signed);
        return signed;
    }

    public List<SignedTreeHead> treeHeads() {
        return List.copyOf(heads);
    }

    /** Proof for a voter that entry {@code seq} is in the tree of the given (signed) size. */
    public InclusionProof inclusionProof(long seq, long treeSize) {
        return tree.inclusionProof(seq, treeSize);
    }

    /** Proof for a monitor that a later head extends an earlier one. */
    public ConsistencyProof consistencyProof(long oldSize, long newSize) {
        return tree.consistencyProof(oldSize, newSize);
    }

    /** The export, with the marked-register counts per channel and the count report (null before the count). */
    public RecordDocument document(Map<Channel, Long> markedRegister, Map<String, Object> result) {
        return new RecordDocument(header, entries, heads, markedRegister, result);
    }
}
