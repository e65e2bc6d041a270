package org.selectorate.tally.count;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.smallrye.mutiny.Uni;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A ballot's count: the counting module's report exactly as the public record publishes it. */
@Entity
@Table(name = "ballot_result")
public class BallotResult extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public String ballotId;
    @Column(nullable = false)
    public String report;
    @Column(nullable = false)
    public String elected;
    public long votes;
    @Column(name = "by_channel", nullable = false)
    public String byChannel;
    @Column(name = "record_root", nullable = false)
    public String recordRoot;
    @Column(name = "counted_at", nullable = false)
    public Instant countedAt;

    /**
     * The ballot's result, if the ballot publishes what is asked for ({@link TallyBallot#requirePublished}), or the
     * problem that there is none (yet); needs a session.
     */
    public static Uni<BallotResult> of(String ballotId, TallyBallot.Published needed) {
        return TallyBallot.<TallyBallot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .invoke(ballot -> ballot.requirePublished(needed))
                .chain(ballot -> BallotResult.<BallotResult>findById(ballotId))
                .onItem().ifNull().failWith(() -> ProblemException.conflict("not-counted", "ballot " + ballotId
                        + " has not been counted yet; its result and record are published after the close"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> reportValue() {
        return (Map<String, Object>) Json.parse(report);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> byChannelValue() {
        return (Map<String, Object>) Json.parse(byChannel);
    }

    public Map<String, Long> byChannelCounts() {
        Map<String, Long> out = new TreeMap<>();
        byChannelValue().forEach((channel, n) -> out.put(channel, ((Number) n).longValue()));
        return out;
    }

    public List<String> electedList() {
        return ((List<?>) Json.parse(elected)).stream().map(String.class::cast).toList();
    }
}
