package org.selectorate.tally.count;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.smallrye.mutiny.Uni;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;

import java.time.Instant;
import java.util.EnumMap;
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
    /** The ballot paper account per channel (JSON), as exported with the record; null for counts from before it. */
    @Column(name = "paper_account")
    public String paperAccount;
    /**
     * The anomaly flags published with the result (JSON list of {kind, subject, detail, statistic, threshold}); they
     * never change it. Null for counts from before flags were kept.
     */
    public String anomalies;

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
    public List<Object> anomaliesValue() {
        return anomalies == null ? List.of() : (List<Object>) Json.parse(anomalies);
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

    /** The ballot paper account per channel; empty for a count from before accounts were kept. */
    public Map<Channel, ChannelAccount> paperAccountValue() {
        Map<Channel, ChannelAccount> out = new EnumMap<>(Channel.class);
        if (paperAccount != null) {
            ((Map<?, ?>) Json.parse(paperAccount)).forEach((channel, v) -> {
                Map<?, ?> a = (Map<?, ?>) v;
                out.put(Channel.fromId((String) channel), new ChannelAccount(number(a.get("issued")),
                        number(a.get("returned")), counts(a.get("rejected")), counts(a.get("spoilt")),
                        number(a.get("counted"))));
            });
        }
        return out;
    }

    static String paperAccountJson(Map<Channel, ChannelAccount> accounts) {
        Map<String, Object> out = new TreeMap<>();
        accounts.forEach((channel, a) -> {
            Map<String, Object> v = new TreeMap<>();
            v.put("issued", a.issued());
            v.put("returned", a.returned());
            v.put("rejected", a.rejected());
            v.put("spoilt", a.spoilt());
            v.put("counted", a.counted());
            out.put(channel.id(), v);
        });
        return CanonicalJson.write(out);
    }

    private static long number(Object n) {
        return ((Number) n).longValue();
    }

    private static Map<String, Long> counts(Object value) {
        Map<String, Long> out = new TreeMap<>();
        ((Map<?, ?>) value).forEach((reason, n) -> out.put((String) reason, number(n)));
        return out;
    }

    public List<String> electedList() {
        return ((List<?>) Json.parse(elected)).stream().map(String.class::cast).toList();
    }
}
