package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
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

    public record Mark(String membershipNumber, String channel, Instant markedAt) {
    }

    @WithSession
    public Uni<Turnout> turnout(UUID ballotId, Caller caller) {
        return ballot(ballotId, caller).chain(b -> markedRegister.counts(b.id).map(counts -> new Turnout(b.id,
                b.status.name().toLowerCase(), b.electorate, counts,
                counts.values().stream().mapToLong(Long::longValue).sum())));
    }

    /** Names only after close: while a ballot is open, who has voted is nobody's business. */
    @WithSession
    public Uni<List<Mark>> markedRegister(UUID ballotId, Caller caller) {
        return ballot(ballotId, caller).chain(b -> {
            if (b.status != Ballot.Status.CLOSED) {
                throw ProblemException.conflict("ballot-not-closed",
                        "the marked register is available only after the ballot closes");
            }
            return MarkedRegisterEntry.<MarkedRegisterEntry>list("ballotId = ?1 order by membershipNumber", b.id)
                    .map(all -> all.stream().map(m -> new Mark(m.membershipNumber, m.channel, m.markedAt)).toList());
        });
    }

    private static Uni<Ballot> ballot(UUID ballotId, Caller caller) {
        return Ballot.<Ballot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .call(b -> Selection.<Selection>findById(b.selectionId)
                        .invoke(s -> SelectionAccess.requireInArea(s, caller, "ballot " + ballotId)));
    }
}
