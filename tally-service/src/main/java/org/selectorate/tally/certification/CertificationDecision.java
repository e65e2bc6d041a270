package org.selectorate.tally.certification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.Certification;

import java.time.Instant;
import java.util.List;

/** A scrutineer's signed decision on a ballot, stored exactly as signed; the latest one stands. */
@Entity
@Table(name = "certification_decision")
public class CertificationDecision extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ballot_id", nullable = false)
    public String ballotId;
    @Column(nullable = false)
    public String decision;
    @Column(nullable = false)
    public String reasons;
    @Column(nullable = false)
    public String scrutineer;
    /** The token subject of who decided: the same person may not declare. Not published. */
    @Column(nullable = false)
    public String subject;
    @Column(name = "public_key", nullable = false)
    public String publicKey;
    @Column(name = "tree_size")
    public long treeSize;
    @Column(name = "root_hash", nullable = false)
    public String rootHash;
    @Column(nullable = false)
    public String signature;
    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    static CertificationDecision of(String ballotId, Certification c, String subject, Instant now) {
        CertificationDecision d = new CertificationDecision();
        d.ballotId = ballotId;
        d.decision = c.decision();
        d.reasons = CanonicalJson.write(c.reasons());
        d.scrutineer = c.scrutineer();
        d.subject = subject;
        d.publicKey = c.publicKey();
        d.treeSize = c.treeSize();
        d.rootHash = c.rootHash();
        d.signature = c.signature();
        d.decidedAt = now;
        return d;
    }

    /** The ballot's decisions, oldest first. Needs a session. */
    static Uni<List<CertificationDecision>> of(String ballotId) {
        return CertificationDecision.list("ballotId = ?1 order by id", ballotId);
    }

    /** The decision that stands (the latest), or null if none was made; what the exported record carries. */
    public static Uni<Certification> standing(String ballotId) {
        return CertificationDecision.find("ballotId = ?1 order by id desc", ballotId)
                .<CertificationDecision>firstResult().map(d -> d == null ? null : d.certification());
    }

    public boolean certified() {
        return Certification.CERTIFIED.equals(decision);
    }

    public List<String> reasonList() {
        return ((List<?>) Json.parse(reasons)).stream().map(String.class::cast).toList();
    }

    public Certification certification() {
        return new Certification(decision, reasonList(), scrutineer, publicKey, treeSize, rootHash, signature);
    }
}
