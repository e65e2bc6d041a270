package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An affiliate's return to a step: entered by one officer, counted only once another person confirms it. Then it is
 * sealed: {@link #canonical} is the return as RFC 8785 JSON and {@link #digest} its SHA-256, published with the
 * step's result so anyone can check it.
 */
@Entity
@Table(name = "affiliate_return")
public class AffiliateReturn extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "step_id", nullable = false)
    public UUID stepId;

    @Column(nullable = false)
    public String affiliate;

    /** {@code yes} or {@code no} for the trigger step (yes: for a contest); a candidate's name for nominations. */
    @Column(nullable = false)
    public String vote;

    @Column(name = "entered_by", nullable = false)
    public String enteredBy;

    @Column(name = "entered_subject", nullable = false)
    public String enteredSubject;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_subject")
    public String confirmedSubject;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** The co-signed proposal that let this return in after the deadline; null for one in time. */
    @Column(name = "override_proposal")
    public UUID overrideProposal;

    public String canonical;

    public String digest;

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Seals the confirmed return: what is published and what its digest is of. */
    void seal(UUID selectionId, String step) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("return", id.toString());
        doc.put("selection", selectionId.toString());
        doc.put("step", step);
        doc.put("affiliate", affiliate);
        doc.put("vote", vote);
        doc.put("enteredBy", enteredBy);
        doc.put("enteredAt", enteredAt.toString());
        doc.put("confirmedBy", confirmedBy);
        doc.put("confirmedAt", confirmedAt.toString());
        doc.put("overrideProposal", overrideProposal == null ? null : overrideProposal.toString());
        canonical = CanonicalJson.write(doc);
        digest = Digest.sha256(canonical.getBytes(StandardCharsets.UTF_8)).hex();
    }

    String target(String step) {
        return "step/" + step + "/return/" + id;
    }
}
