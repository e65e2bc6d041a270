package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.RecordEntry;

import java.util.List;

/** One stored entry of a ballot's public record: exactly what is published, and nothing else. */
@Entity
@Table(name = "record_entry")
public class RecordEntryRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ballot_id", nullable = false)
    public String ballotId;
    public long seq;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String tracker;
    @Column(nullable = false)
    public String vote;
    public String token;
    public String prefix;
    public String signature;
    @Column(name = "leaf_hash", nullable = false)
    public String leafHash;
    @Column(name = "paper_batch")
    public String paperBatch;
    @Column(name = "paper_item")
    public Long paperItem;

    static RecordEntryRow of(String ballotId, RecordEntry e) {
        RecordEntryRow row = new RecordEntryRow();
        row.ballotId = ballotId;
        row.seq = e.seq();
        row.channel = e.channel().id();
        row.tracker = e.tracker();
        row.vote = CanonicalJson.write(e.vote());
        row.token = e.token();
        if (e.credential() != null) {
            row.prefix = e.credential().prefix();
            row.signature = e.credential().signature();
        }
        if (e.paper() != null) {
            row.paperBatch = e.paper().batch();
            row.paperItem = e.paper().item();
        }
        row.leafHash = e.leafHash();
        return row;
    }

    public List<String> voteList() {
        return voteList(vote);
    }

    /** A stored vote column (JSON array) as names. */
    static List<String> voteList(String vote) {
        return ((List<?>) Json.parse(vote)).stream().map(String.class::cast).toList();
    }

    /** An online entry carries its token and credential, a paper entry its batch and item. */
    RecordEntry toEntry() {
        Credential credential = signature == null ? null : new Credential(prefix, signature);
        return new RecordEntry(seq, Channel.fromId(channel), tracker, voteList(), token, credential,
                paper(paperBatch, paperItem), leafHash);
    }

    static PaperRef paper(String batch, Long item) {
        return batch == null ? null : new PaperRef(batch, item);
    }
}
