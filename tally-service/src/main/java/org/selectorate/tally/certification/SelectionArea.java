package org.selectorate.tally.certification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.support.caller.Caller;
import org.selectorate.tally.ballot.TallyBallot;

/**
 * A selection's region and constituency, from {@link SelectionCreated}: which scrutineers and regional admins cover
 * its ballots. The ballot's own constituency stands in when the selection is not known here.
 */
@Entity
@Table(name = "selection_area")
public class SelectionArea extends PanacheEntityBase {
    private static final Logger LOG = Logger.getLogger(SelectionArea.class);

    @Id
    @Column(name = "selection_id")
    public String selectionId;
    @Column(nullable = false)
    public String region;
    @Column(nullable = false)
    public String constituency;

    /** Keeps the first announcement of a selection's area; runs in the event's inbox transaction. */
    public static Uni<Void> created(SelectionCreated event) {
        return SelectionArea.<SelectionArea>findById(event.selectionId()).chain(existing -> {
            if (existing != null || event.region() == null || event.constituency() == null) {
                return Uni.createFrom().voidItem();
            }
            SelectionArea area = new SelectionArea();
            area.selectionId = event.selectionId();
            area.region = event.region();
            area.constituency = event.constituency();
            LOG.debugf("selection %s is in %s/%s", area.selectionId, area.region, area.constituency);
            return area.persist().replaceWithVoid();
        });
    }

    /** The ballot's area: its selection's, or only its constituency if the selection's region was never learnt. */
    public static Uni<SelectionArea> of(TallyBallot ballot) {
        return SelectionArea.<SelectionArea>findById(ballot.selectionId).map(area -> {
            if (area != null) {
                return area;
            }
            SelectionArea fallback = new SelectionArea();
            fallback.selectionId = ballot.selectionId;
            fallback.constituency = ballot.constituency;
            return fallback;
        });
    }

    public boolean coveredBy(Caller caller) {
        return caller.isHq() || (region != null && caller.regions().contains(region))
                || (constituency != null && caller.constituencies().contains(constituency));
    }

    AuditScope scope() {
        if (constituency == null) {
            return region == null ? AuditScope.NATIONAL : AuditScope.region(region);
        }
        return AuditScope.selection(region, constituency, selectionId);
    }
}
