package org.selectorate.ballot.appeal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A final ballot's result as declared (tally-service's {@code ResultDeclared}): the appeal window runs from
 * {@link #declaredAt}. A declaration is a public act at a public time, linked to no member.
 */
@Entity
@Table(name = "result_declaration")
public class ResultDeclaration extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public UUID ballotId;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    /** Who was declared elected, as a JSON array. */
    @Column(nullable = false)
    public String elected;

    @Column(name = "declared_by")
    public String declaredBy;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    public List<String> electedList() {
        return ((List<?>) Json.parse(elected)).stream().map(String.class::cast).toList();
    }
}
