package org.selectorate.tally.paper;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.Json;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batch of papers keyed by two tellers. Its entries (numbers with votes) are sealed while it waits for the second
 * entry or an adjudication, and erased once it is agreed; then it keeps only its votes, in the random order of its
 * items on the record, and its spoilt papers by reason.
 */
@Entity
@Table(name = "paper_batch")
@IdClass(PaperBatch.Key.class)
public class PaperBatch extends PanacheEntityBase {
    public static final String KEYED_ONCE = "keyed-once";
    public static final String DISPUTED = "disputed";
    public static final String AGREED = "agreed";
    public static final String APPENDED = "appended";

    /** The batch's key: its ballot and its reference. */
    public static class Key implements Serializable {
        public String ballotId;
        public String batch;

        public Key() {
        }

        public Key(String ballotId, String batch) {
            this.ballotId = ballotId;
            this.batch = batch;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ballotId, ballotId) && Objects.equals(k.batch, batch);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ballotId, batch);
        }
    }

    @Id
    @Column(name = "ballot_id")
    public String ballotId;
    @Id
    public String batch;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String status;
    @Column(name = "first_teller", nullable = false)
    public String firstTeller;
    @Column(name = "second_teller")
    public String secondTeller;
    @Column(name = "first_entry")
    public byte[] firstEntry;
    @Column(name = "second_entry")
    public byte[] secondEntry;
    public String adjudicator;
    public String votes;
    public String spoilt;

    /** Keyed once or disputed: not yet on its way to the record. */
    public boolean pending() {
        return KEYED_ONCE.equals(status) || DISPUTED.equals(status);
    }

    /** The agreed votes, in item order (item 1 first). */
    public List<List<String>> voteList() {
        return ((List<?>) Json.parse(votes)).stream()
                .map(v -> ((List<?>) v).stream().map(String.class::cast).toList()).toList();
    }

    /** The agreed batch's spoilt papers by reason. */
    public Map<String, Long> spoiltCounts() {
        Map<String, Long> out = new TreeMap<>();
        if (spoilt != null) {
            ((Map<?, ?>) Json.parse(spoilt)).forEach((reason, n) -> out.put((String) reason, ((Number) n).longValue()));
        }
        return out;
    }
}
