package org.selectorate.tally.recount;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A recount ordered on appeal: the record counted again, and whether it came out as published. */
@Entity
@Table(name = "recount")
public class Recount extends PanacheEntityBase {
    @Id
    @Column(name = "appeal_id")
    public String appealId;

    @Column(name = "ballot_id", nullable = false)
    public String ballotId;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    /** The counting module's report, as {@code ballot_result.report} holds the published one. */
    @Column(nullable = false)
    public String report;

    @Column(nullable = false)
    public String elected;

    public long votes;

    @Column(name = "same_result", nullable = false)
    public boolean sameResult;

    /** What differs from the published count (JSON array), empty when it is the same. */
    @Column(nullable = false)
    public String differences;

    @Column(name = "recounted_at", nullable = false)
    public Instant recountedAt;

    @SuppressWarnings("unchecked")
    public Map<String, Object> reportValue() {
        return (Map<String, Object>) Json.parse(report);
    }

    public List<String> electedList() {
        return strings(elected);
    }

    public List<String> differenceList() {
        return strings(differences);
    }

    private static List<String> strings(String json) {
        return ((List<?>) Json.parse(json)).stream().map(String.class::cast).toList();
    }
}
