package org.selectorate.integrity.record;

import java.nio.charset.StandardCharsets;
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
 * <p>
 * A record {@link #open opened} here keeps its entries, so it can export itself ({@link #document}). A writer that
 * stores every entry it is given ({@link #openForStore}, {@link #resumeFromStore}) keeps only what appending needs:
 * the tree's hashes, the chain's head, the tokens and trackers used, about 150 to 250 bytes a vote rather than the
 * entry's 1.3 to 1.5 KB, so one writer can hold the records of every open ballot of a round, or one national ballot.
 */
public final class PublicRecord {
    private static final int TRACKER_WIDTH = 19;

    private final RecordHeader header;
    private final String headerHash;
    private final BlindVerificationKey credentialKey;
    private final TreeHeadSigner signer;
    private final MerkleTree tree = new MerkleTree();
    private final HashChain chain;
    /** Null when the writer's store keeps them. */
    private final List<RecordEntry> entries;
    private final List<SignedTreeHead> heads = new ArrayList<>();
    private final PackedSet tokens = new PackedSet(Token.LENGTH);
    private final PackedSet trackers = new PackedSet(TRACKER_WIDTH);
    private final Set<PaperRef> papers = new HashSet<>();

    private PublicRecord(RecordHeader header, BlindVerificationKey credentialKey, TreeHeadSigner signer,
            boolean keepEntries) {
        this.header = header;
        this.headerHash = header.hash();
        this.credentialKey = credentialKey;
        this.signer = signer;
        this.chain = new HashChain(header.ballot().id());
        this.entries = keepEntries ? new ArrayList<>() : null;
    }

    /** A new, empty record for a ballot that is opening, keeping its entries to export them. */
    public static PublicRecord open(BallotInfo ballot, Map<String, Object> rulebook, CountRules count,
            BlindVerificationKey credentialKey, TreeHeadSigner signer) {
        return open(ballot, rulebook, count, credentialKey, signer, true);
    }

    /**
     * A new, empty record for a writer that stores every entry this returns: the record keeps none of them and
     * has no {@link #document}; the store is the record.
     */
    public static PublicRecord openForStore(BallotInfo ballot, Map<String, Object> rulebook, CountRules count,
            BlindVerificationKey credentialKey, TreeHeadSigner signer) {
        return open(ballot, rulebook, count, credentialKey, signer, false);
    }

    private static PublicRecord open(BallotInfo ballot, Map<String, Object> rulebook, CountRules count,
            BlindVerificationKey credentialKey, TreeHeadSigner signer, boolean keepEntries) {
        RecordHeader header = new RecordHeader(ballot, rulebook, count,
                RecordKeys.of(credentialKey, signer.publicKey()));
        return new PublicRecord(header, credentialKey, signer, keepEntries);
    }

    /**
     * Rebuilds the writer's state from a whole stored record (after a restart or a partition move), keeping its
     * entries; see {@link Resumption} for what is checked. The signer must be the record's own key.
     */
    public static PublicRecord resume(RecordDocument stored, TreeHeadSigner signer) {
        Resumption r = new Resumption(stored.header(), signer, true);
        stored.entries().forEach(r::replay);
        return r.finish(stored.treeHeads());
    }

    /**
     * Rebuilds a writer's record from its store entry by entry, so the stored entries never need to be in memory
     * at once; the record, once {@link Resumption#finish finished}, keeps none of them, as {@link #openForStore}.
     */
    public static Resumption resumeFromStore(RecordHeader header, TreeHeadSigner signer) {
        return new Resumption(header, signer, false);
    }

    /**
     * A record being rebuilt: every stored entry, in order, is appended again and must come out identical (leaf
     * hash, tracker, token and paper item unused before); credentials were checked when first appended and are not
     * re-verified. Its heads must sign the rebuilt tree.
     */
    public static final class Resumption {
        private PublicRecord record;

        private Resumption(RecordHeader header, TreeHeadSigner signer, boolean keepEntries) {
            RecordKeys keys = header.keys();
            if (!keys.treeHeadKey().equals(signer.publicKey().encoded())) {
                throw new IllegalArgumentException("this signer is not the record's tree-head key");
            }
            BlindVerificationKey credentialKey = BlindVerificationKey.fromEncoded(
                    BlindRsaVariant.fromId(keys.credentialVariant()), keys.credentialKey());
            this.record = new PublicRecord(header, credentialKey, signer, keepEntries);
        }

        /** How many entries have been replayed. */
        public long size() {
            return live().size();
        }

        /** @throws IllegalArgumentException if the stored entry is not what appending it again makes */
        public void replay(RecordEntry stored) {
            PublicRecord r = live();
            if (stored.seq() != r.size()) {
                throw new IllegalArgumentException("stored entry " + stored.seq() + " where entry " + r.size()
                        + " was expected");
            }
            RecordEntry rebuilt = stored.channel().isPaper()
                    ? r.appendPaper(stored.channel(), stored.vote(), stored.paper())
                    : r.append(stored.vote(), Token.fromEncoded(stored.token()), stored.credential(), false);
            if (!rebuilt.equals(stored)) {
                throw new IllegalArgumentException("stored entry " + stored.seq()
                        + " does not match its recomputation");
            }
        }

        /**
         * The rebuilt record, with its stored heads; replaying ends here.
         *
         * @throws IllegalArgumentException if the last head does not sign the rebuilt tree at its size
         */
        public PublicRecord finish(List<SignedTreeHead> heads) {
            PublicRecord r = live();
            if (!heads.isEmpty()) {
                TreeHead last = heads.get(heads.size() - 1).head();
                if (last.treeSize() > r.size() || !r.tree.root(last.treeSize()).hex().equals(last.rootHash())) {
                    throw new IllegalArgumentException("the last stored tree head (size " + last.treeSize()
                            + ") does not sign the stored entries");
                }
            }
            r.heads.addAll(heads);
            record = null;
            return r;
        }

        private PublicRecord live() {
            if (record == null) {
                throw new IllegalStateException("this resumption is finished");
            }
            return record;
        }
    }

    public RecordHeader header() {
        return header;
    }

    public long size() {
        return tree.size();
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
        byte[] tokenBytes = token.bytes();
        if (tokens.contains(tokenBytes)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.TOKEN_ALREADY_USED,
                    "this credential has already been used to vote");
        }
        if (verify && !credentialKey.verify(CredentialMessage.of(header.ballot().id(), token), credential)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.BAD_CREDENTIAL,
                    "the credential is not a valid signature for this ballot");
        }
        Tracker tracker = Tracker.forToken(header.ballot().id(), token);
        RecordEntry entry = add(Channel.ONLINE, tracker, vote, token.encoded(), credential, null);
        tokens.add(tokenBytes);
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
        byte[] trackerBytes = tracker.value().getBytes(StandardCharsets.US_ASCII);
        if (trackers.contains(trackerBytes)) {
            throw new RejectedEntryException(RejectedEntryException.Reason.TRACKER_CLASH,
                    "tracker " + tracker + " is already on this record");
        }
        RecordEntry draft = new RecordEntry(size(), channel, tracker.value(), vote, token, credential,
                paper, null);
        Digest leaf = draft.computeLeafHash();
        RecordEntry entry = new RecordEntry(draft.seq(), channel, tracker.value(), vote, token, credential, paper,
                leaf.hex());
        tree.append(leaf);
        chain.append(leaf);
        if (entries != null) {
            entries.add(entry);
        }
        trackers.add(trackerBytes);
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

    /**
     * The export, with the marked-register counts per channel and the count report (null before the count).
     *
     * @throws IllegalStateException for a record whose entries its store keeps
     */
    public RecordDocument document(Map<Channel, Long> markedRegister, Map<String, Object> result) {
        if (entries == null) {
            throw new IllegalStateException("this record's entries are kept by its store: export them from there");
        }
        return new RecordDocument(header, entries, heads, markedRegister, result);
    }
}
