package org.selectorate.integrity.chain;

import java.security.MessageDigest;
import java.util.Map;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * A hash chain over a ballot's entries in order: {@code c0 = SHA-256(JCS({"ballot":id,"schema":SCHEMA}))},
 * {@code c(i+1) = SHA-256(0x02 || c(i) || leafHash(i))}. The tree proves membership; the chain makes the order
 * itself tamper-evident, entry by entry, for anyone reading the record front to back. The 0x02 prefix keeps
 * chain links apart from Merkle leaves (0x00) and nodes (0x01).
 */
public final class HashChain {
    public static final String SCHEMA = "selectorate-chain/1";
    private static final byte LINK_PREFIX = 0x02;

    private final MessageDigest md = Digest.newSha256();
    private Digest head;
    private long length;

    /** A chain at its genesis for this ballot. */
    public HashChain(String ballotId) {
        this.head = genesis(ballotId);
    }

    public static Digest genesis(String ballotId) {
        return Digest.sha256(CanonicalJson.bytes(Map.of("ballot", ballotId, "schema", SCHEMA)));
    }

    /** The link after {@code previous} for an entry with this leaf hash. */
    public static Digest link(Digest previous, Digest leafHash) {
        MessageDigest md = Digest.newSha256();
        return link(md, previous, leafHash);
    }

    private static Digest link(MessageDigest md, Digest previous, Digest leafHash) {
        md.update(LINK_PREFIX);
        previous.updateInto(md);
        leafHash.updateInto(md);
        return Digest.finish(md);
    }

    /** Appends an entry and returns the new head. */
    public Digest append(Digest leafHash) {
        head = link(md, head, leafHash);
        length++;
        return head;
    }

    public Digest head() {
        return head;
    }

    /** Entries appended so far. */
    public long length() {
        return length;
    }
}
