package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;

import java.util.List;

/** A signed tree head of a ballot's record, stored as signed. */
@Entity
@Table(name = "tree_head")
public class TreeHeadRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ballot_id", nullable = false)
    public String ballotId;
    @Column(name = "tree_size")
    public long treeSize;
    @Column(name = "root_hash", nullable = false)
    public String rootHash;
    @Column(name = "chain_hash", nullable = false)
    public String chainHash;
    @Column(name = "header_hash", nullable = false)
    public String headerHash;
    @Column(name = "signed_at", nullable = false)
    public String signedAt;
    @Column(nullable = false)
    public String signature;
    @Column(nullable = false)
    public String consistency;

    static TreeHeadRow of(SignedTreeHead s) {
        TreeHeadRow row = new TreeHeadRow();
        TreeHead h = s.head();
        row.ballotId = h.ballotId();
        row.treeSize = h.treeSize();
        row.rootHash = h.rootHash();
        row.chainHash = h.chainHash();
        row.headerHash = h.headerHash();
        row.signedAt = h.timestamp();
        row.signature = s.signature();
        row.consistency = CanonicalJson.write(s.consistency());
        return row;
    }

    public SignedTreeHead toSigned() {
        List<String> proof = ((List<?>) Json.parse(consistency)).stream().map(String.class::cast).toList();
        return new SignedTreeHead(new TreeHead(ballotId, treeSize, rootHash, chainHash, headerHash, signedAt),
                signature, proof);
    }
}
