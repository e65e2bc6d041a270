package org.selectorate.tally.certification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A certified result's declaration: one per ballot, by an admin who did not certify it. */
@Entity
@Table(name = "result_declaration")
public class ResultDeclaration extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public String ballotId;
    @Column(name = "certification_id", nullable = false)
    public Long certificationId;
    @Column(name = "declared_by", nullable = false)
    public String declaredBy;
    /** The declarer's token subject; not published. */
    @Column(name = "declared_subject", nullable = false)
    public String declaredSubject;
    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
}
