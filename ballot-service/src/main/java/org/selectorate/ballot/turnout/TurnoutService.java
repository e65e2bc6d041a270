package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turnout counts while a ballot is open; who voted only once it has closed. */
@ApplicationScoped
public class TurnoutService {
    private final MarkedRegister markedRegister;

    public TurnoutService(MarkedRegister markedRegister) {
        this.markedRegister = markedRegister;
    }

    public record Turnout(UUID ballotId, String status, Long electorate, Map<String, Long> issued, long total) {
    }

    /** A line of the marked register: who, by which channel, on which day (UTC). Nothing that orders the issuances. */
    public record Mark(String membershipNumber, String channel, LocalDate markedOn) {
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
            return MarkedRegisterEntry.<MarkedRegisterEntry>list("ballotId = ?1 order by membershipNumber", b.id)
                    .map(all -> all.stream().map(m -> new Mark(m.membershipNumber, m.channel, m.markedOn)).toList());
        });
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
