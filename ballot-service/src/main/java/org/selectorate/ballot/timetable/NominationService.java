package org.selectorate.ballot.timetable;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Nominations open once and close once; the shortlist is published once, after nominations close. Each step is on
 * the audit log.
 */
@ApplicationScoped
public class NominationService {
    private final TimetableEvents events;
    private final AuditTrail audit;

    public NominationService(TimetableEvents events, AuditTrail audit) {
        this.events = events;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<NominationViews.TimetableView> open(UUID selectionId, Caller caller) {
        Instant now = Instant.now();
        return organised(selectionId, caller).chain(s -> timetable(s).call(t -> {
            if (t.nominationsOpenedAt != null) {
                throw ProblemException.conflict("nominations-opened", "nominations have already been opened");
            }
            t.nominationsOpenedAt = now;
            return events.emit(s.id, TimetableEvent.NOMINATIONS_OPENED, now, "Nominations opened: " + s.title, null)
                    .call(() -> record(s, "nominations.open", "nominations", null,
                            Map.of("nominationsOpenedAt", now.toString())));
        })).chain(this::view);
    }

    @WithTransaction
    public Uni<NominationViews.TimetableView> close(UUID selectionId, Caller caller) {
        Instant now = Instant.now();
        return organised(selectionId, caller).chain(s -> timetable(s).call(t -> {
            if (!t.nominationsOpen()) {
                throw ProblemException.conflict("nominations-not-open", t.nominationsOpenedAt == null
                        ? "nominations have not been opened" : "nominations are already closed");
            }
            t.nominationsClosedAt = now;
            return events.emit(s.id, TimetableEvent.NOMINATIONS_CLOSED, now, "Nominations closed: " + s.title, null)
                    .call(() -> record(s, "nominations.close", "nominations",
                            Map.of("nominationsOpenedAt", t.nominationsOpenedAt.toString()),
                            Map.of("nominationsOpenedAt", t.nominationsOpenedAt.toString(),
                                    "nominationsClosedAt", now.toString())));
        })).chain(this::view);
    }

    /** Every id must be a candidate of this selection who has not withdrawn; 400 names the others. */
    @WithTransaction
    public Uni<NominationViews.TimetableView> shortlist(UUID selectionId, List<String> ids, Caller caller) {
        Instant now = Instant.now();
        List<String> errors = new ArrayList<>();
        Set<UUID> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                if (!wanted.add(UUID.fromString(id.strip()))) {
                    errors.add("candidates: " + id + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                errors.add("candidates: " + id + " is not a candidate id");
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("the shortlist is not valid", errors));
        }
        return organised(selectionId, caller).chain(s -> timetable(s).call(t -> {
            if (t.nominationsOpen()) {
                throw ProblemException.conflict("nominations-open", "nominations are still open");
            }
            if (t.shortlistedAt != null) {
                throw ProblemException.conflict("shortlist-exists", "the shortlist has already been published");
            }
            return Candidate.<Candidate>list("selectionId = ?1 and id in ?2 and withdrawnAt is null", s.id, wanted)
                    .chain(found -> {
                        Map<UUID, Candidate> byId = found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
                        List<String> unknown = wanted.stream().filter(id -> !byId.containsKey(id))
                                .map(id -> "candidates: " + id + " is not a standing candidate of this selection").toList();
                        if (!unknown.isEmpty()) {
                            throw ProblemException.badRequest("the shortlist is not valid", unknown);
                        }
                        t.shortlist = wanted.stream().map(UUID::toString).collect(Collectors.joining("\n"));
                        t.shortlistedAt = now;
                        t.shortlistedBy = caller.name();
                        String names = wanted.stream().map(id -> byId.get(id).name).collect(Collectors.joining(", "));
                        return events.emit(s.id, TimetableEvent.SHORTLIST, now, "Shortlist: " + names, null)
                                .call(() -> record(s, "shortlist.publish", "shortlist", null, Map.of("candidates",
                                        wanted.stream().map(id -> Map.of("id", id.toString(), "name",
                                                byId.get(id).name)).toList())));
                    });
        })).chain(this::view);
    }

    @WithSession
    public Uni<NominationViews.TimetableView> get(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> SelectionTimetable.<SelectionTimetable>findById(s.id).map(t -> {
                    if (t != null) {
                        return t;
                    }
                    SelectionTimetable none = new SelectionTimetable();
                    none.selectionId = s.id;
                    return none;
                }))
                .chain(this::view);
    }

    /** A step by the caller, on the audit log, filed under {@code selection/S/<what>}. */
    private Uni<Void> record(Selection s, String name, String what, Map<String, Object> before,
                             Map<String, Object> after) {
        return audit.record(AuditAction.named(name).in(s.auditScope()).on(s.auditTarget() + "/" + what)
                .before(before == null ? null : AuditState.of(before)).after(AuditState.of(after)).build());
    }

    private static Uni<Selection> organised(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId, LockModeType.PESSIMISTIC_WRITE)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId));
    }

    private static Uni<SelectionTimetable> timetable(Selection s) {
        return SelectionTimetable.<SelectionTimetable>findById(s.id).chain(t -> {
            if (t != null) {
                return Uni.createFrom().item(t);
            }
            SelectionTimetable fresh = new SelectionTimetable();
            fresh.selectionId = s.id;
            return fresh.persist();
        });
    }

    private Uni<NominationViews.TimetableView> view(SelectionTimetable t) {
        List<UUID> ids = t.shortlisted();
        Uni<Map<UUID, String>> names = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : Candidate.<Candidate>list("id in ?1", ids)
                .map(cs -> cs.stream().collect(Collectors.toMap(c -> c.id, c -> c.name)));
        return names.map(n -> new NominationViews.TimetableView(t.selectionId, t.nominationsOpenedAt,
                t.nominationsClosedAt, t.shortlistedAt, t.shortlistedBy,
                ids.stream().map(id -> new NominationViews.Shortlisted(id, n.get(id))).toList()));
    }
}
