package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A selection's region and constituency, from {@code SelectionCreated}: whose area it is. */
@Entity
@Table(name = "selection_area")
public class SelectionArea extends PanacheEntityBase {
    @Id
    @Column(name = "selection_id")
    public String selectionId;

    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String constituency;

    /** The selection's area, or null if it is not known here (a selection created before areas were kept falls back on its committee). */
    public static Uni<SelectionArea> of(String selectionId) {
        return SelectionArea.<SelectionArea>findById(selectionId).chain(area -> area != null
                ? Uni.createFrom().item(area)
                : CommitteeSeat.find("selectionId", selectionId).<CommitteeSeat>firstResult().map(seat -> {
                    if (seat == null) {
                        return null;
                    }
                    SelectionArea fromSeat = new SelectionArea();
                    fromSeat.selectionId = selectionId;
                    fromSeat.region = seat.region;
                    fromSeat.constituency = seat.constituency;
                    return fromSeat;
                }));
    }
}
