package org.selectorate.notification.mailing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A selection's mailing terms and area, from its latest {@code MailingRules}. */
@Entity
@Table(name = "mailing_selection")
public class MailingSelection extends PanacheEntityBase {
    @Id
    @Column(name = "selection_id")
    public String selectionId;

    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String constituency;

    @Column(name = "rulebook_version", nullable = false)
    public int rulebookVersion;

    @Column(nullable = false)
    public int quota;

    @Column(name = "period_days", nullable = false)
    public int periodDays;
}
