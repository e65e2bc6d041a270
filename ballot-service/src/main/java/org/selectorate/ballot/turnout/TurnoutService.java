package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turnout counts while a ballot is open; who voted only once it has closed. */
@ApplicationScoped
public class TurnoutService {
    private final MarkedRegister markedRegister;

    public TurnoutService(MarkedRegister markedRegister) {
        this.markedRegister = markedRegister;
    }

    public record Turnout(@Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID ballotId,
                          @Schema(example = "open") String status,
                          @Schema(example = "1200") Long electorate,
                          @Schema(example = "{\"online\": 301, \"postal\": 33, \"in-person\": 8}")
                          Map<String, Long> issued,
                          @Schema(example = "342") long total) {
    }

    /**
     * A line of the marked register: who, by which channel, on which day (UTC). Nothing that orders the issuances.
     * {@code onRoll} is false for a member a co-signed roll change removed after they were issued a ballot: the
     * register keeps the mark, and says so.
     */
    public record Mark(@Schema(example = "NW-001-000042") String membershipNumber,
                       @Schema(example = "online") String channel,
                       @Schema(example = "2026-12-08") LocalDate markedOn,
                       boolean onRoll) {
    }

    @WithSession
    public Uni<Turnout> turnout(UUID ballotId, Caller caller) {
        return ballot(ballotId, caller, SelectionAccess::requireInArea).chain(b -> markedRegister.counts(b.id)
                .map(counts -> new Turnout(b.id, b.status.name().toLowerCase(), b.electorate, counts,
                        counts.values().stream().mapToLong(Long::longValue).sum())));
    }

    /**
     * Names only after close: while a ballot is open, who has voted is nobody's business. Only candidates and
     * scrutineers read it (the endpoint's roles), and only for their own area: HQ's reach over every area does not
     * count here. Sorted by membership number, so the list keeps no trace of the order of issuance.
     */
    @WithSession
    public Uni<List<Mark>> markedRegister(UUID ballotId, Caller caller) {
        return ballot(ballotId, caller, SelectionAccess::requireOwnArea).chain(b -> {
            if (b.status != Ballot.Status.CLOSED) {
                throw ProblemException.conflict("ballot-not-closed",
                        "the marked register is available only after the ballot closes");
            }
            return offTheRoll(b).chain(off -> MarkedRegisterEntry.<MarkedRegisterEntry>list(
                            "ballotId = ?1 order by membershipNumber", b.id)
                    .map(all -> all.stream().map(m -> new Mark(m.membershipNumber, m.channel, m.markedOn,
                            !off.contains(m.membershipNumber))).toList()));
        });
    }

    /** Members marked in the register who are not on the ballot's roll version (removed after their issuance). */
    private static Uni<Set<String>> offTheRoll(Ballot b) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select m.membershipNumber from MarkedRegisterEntry m where m.ballotId = ?1 and not exists "
                                + "(select 1 from Elector e where e.selectionId = ?2 and e.version = ?3 "
                                + "and e.membershipNumber = m.membershipNumber)", String.class)
                        .setParameter(1, b.id)
                        .setParameter(2, b.selectionId)
                        .setParameter(3, b.rollVersion)
                        .getResultList())
                .map(Set::copyOf);
    }

    private interface AreaRule {
        Selection require(Selection selection, Caller caller, String what);
    }

    private static Uni<Ballot> ballot(UUID ballotId, Caller caller, AreaRule area) {
        return Ballot.<Ballot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .call(b -> Selection.<Selection>findById(b.selectionId)
                        .invoke(s -> area.require(s, caller, "ballot " + ballotId)));
    }
}
