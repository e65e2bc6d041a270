package org.selectorate.ballot.electorate;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

/** Whether a selection's electorate can be used: every chunk of the latest roll version, and the right count. */
@ApplicationScoped
public class ElectorateService {

    /**
     * @param version        latest roll version announced, or null before the freeze
     * @param expected       electors the version announced
     * @param complete       all chunks arrived and they hold exactly {@code expected} electors
     */
    public record Status(@Schema(example = "2") Integer version,
                         @Schema(example = "1200") long expected,
                         @Schema(example = "3") int chunks,
                         @Schema(example = "3") long chunksReceived,
                         @Schema(example = "1200") long electors,
                         boolean complete) {
        static final Status NONE = new Status(null, 0, 0, 0, 0, false);
    }

    @WithSession
    public Uni<Status> status(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .invoke(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(() -> status(selectionId));
    }

    /** Call inside a session or transaction. */
    public Uni<Status> status(UUID selectionId) {
        return RollVersion.<RollVersion>find("selectionId = ?1 order by version desc", selectionId).firstResult()
                .chain(latest -> latest == null ? Uni.createFrom().item(Status.NONE)
                        : RollChunk.count("selectionId = ?1 and version = ?2", selectionId, latest.version)
                        .chain(chunks -> Elector.count("selectionId = ?1 and version = ?2", selectionId,
                                        latest.version)
                                .map(electors -> new Status(latest.version, latest.electorate, latest.chunks, chunks,
                                        electors, chunks == latest.chunks && electors == latest.electorate))));
    }
}
