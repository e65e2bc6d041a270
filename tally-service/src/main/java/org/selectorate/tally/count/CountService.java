package org.selectorate.tally.count;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.counting.report.CountReport;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.paper.PaperService;
import org.selectorate.verifier.recount.RecordCount;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a drained record with the counting module, through the verifier's {@link RecordCount} so that the
 * published result and anyone's recount are computed by the same reading of the record.
 */
@ApplicationScoped
public class CountService {
    private static final Logger LOG = Logger.getLogger(CountService.class);

    private final Outbox outbox;

    public CountService(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Stores the result and emits {@link ResultPublished}, in the caller's transaction; a withheld meeting ballot's
     * result event waits for its release. A meeting ballot also emits {@link MeetingVoteCounted} now, released or
     * not: its totals are what the chair announces in the room, and what decides the meeting's business. The caller
     * holds the ballot's row lock ({@link CountDue} claims it) and read the row under it, so a release that committed
     * before is seen, and one that waits for the lock sees the count.
     */
    public Uni<Void> count(TallyBallot ballot, SignedTreeHead finalHead, RecordCount.Tally votes) {
        return Uni.createFrom().deferred(() -> {
                    Map<Channel, Long> counted = counted(votes);
                    BallotResult result = result(ballot, finalHead, votes, counted);
                    ballot.status = TallyBallot.COUNTED;
                    ballot.countDue = false;
                    return PaperService.spoilt(ballot.id)
                            .invoke(spoilt -> {
                                Map<Channel, ChannelAccount> accounts = accounts(ballot, counted, spoilt);
                                result.paperAccount = BallotResult.paperAccountJson(accounts);
                                accounts.forEach((channel, a) -> {
                                    if (!a.problems().isEmpty()) {
                                        LOG.warnf("ballot %s: the %s paper account does not reconcile: %s",
                                                ballot.id, channel.id(), a.problems());
                                    }
                                });
                            })
                            .chain(() -> result.persist())
                            .chain(() -> ballot.isMeeting() ? announce(ballot, votes, result.votes)
                                    : Uni.createFrom().voidItem())
                            .chain(() -> ballot.published() == TallyBallot.Published.NOTHING
                                    ? Uni.createFrom().voidItem() : publish(ballot, result));
                });
    }

    /**
     * Emits the counted ballot's {@link ResultPublished}, in the caller's transaction: for a ballot published as
     * totals only, without the record's root (nothing of the record but its totals is published).
     */
    public Uni<Void> publish(TallyBallot ballot, BallotResult result) {
        boolean wholeRecord = ballot.published() == TallyBallot.Published.RECORD;
        return outbox.record(Topics.RESULTS, ballot.id, ResultPublished.TYPE, new ResultPublished(ballot.id,
                ballot.selectionId, result.electedList(), result.votes, result.byChannelCounts(),
                wholeRecord ? result.recordRoot : null));
    }

    /** A meeting vote's totals: each option's first preferences (a meeting's vote takes one mark). */
    private Uni<Void> announce(TallyBallot ballot, RecordCount.Tally votes, long entries) {
        Map<String, Long> totals = new TreeMap<>();
        ballot.candidateList().forEach(c -> totals.put(c, 0L));
        votes.forEachGroup((channel, vote, n) -> {
            if (!vote.isEmpty()) {
                totals.merge(vote.get(0), n, Long::sum);
            }
        });
        return outbox.record(Topics.RESULTS, ballot.id, MeetingVoteCounted.TYPE, new MeetingVoteCounted(ballot.id,
                ballot.selectionId, ballot.meetingId, totals, entries));
    }

    /** The entries on the record per channel. */
    static Map<Channel, Long> counted(RecordCount.Tally votes) {
        Map<Channel, Long> counted = new EnumMap<>(Channel.class);
        votes.forEachGroup((channel, vote, n) -> counted.merge(Channel.fromId(channel), n, Long::sum));
        return counted;
    }

    /**
     * The ballot paper account per channel. Online, a credential is the paper issued (the marked register) and an
     * entry its return. Postal, ballot-service's figures (issued, returned, rejected at the declaration check) and
     * the tellers' (spoilt, and the entries counted). In person the ballot box is the return: what the tellers keyed.
     */
    static Map<Channel, ChannelAccount> accounts(TallyBallot ballot, Map<Channel, Long> counted,
                                                 Map<Channel, Map<String, Long>> spoilt) {
        Map<Channel, Long> register = ballot.markedRegisterCounts();
        Map<Channel, BallotClosed.PaperIssue> issues = ballot.paperIssues();
        Map<Channel, ChannelAccount> out = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            long n = counted.getOrDefault(channel, 0L);
            if (!channel.isPaper()) {
                if (register.containsKey(channel) || n > 0) {
                    out.put(channel, new ChannelAccount(register.getOrDefault(channel, 0L), n, Map.of(), Map.of(),
                            n));
                }
                continue;
            }
            BallotClosed.PaperIssue issue = issues.get(channel);
            Map<String, Long> spoiltHere = spoilt.getOrDefault(channel, Map.of());
            if (issue == null && n == 0 && spoiltHere.isEmpty()) {
                continue;
            }
            Map<String, Long> rejected = issue == null ? Map.of() : issue.rejected();
            long returned = issue != null && issue.returned() != null ? issue.returned()
                    : rejected.values().stream().mapToLong(Long::longValue).sum()
                    + spoiltHere.values().stream().mapToLong(Long::longValue).sum() + n;
            out.put(channel, new ChannelAccount(issue == null ? 0 : issue.issued(), returned, rejected, spoiltHere,
                    n));
        }
        return out;
    }

    private static BallotResult result(TallyBallot ballot, SignedTreeHead finalHead, RecordCount.Tally votes,
                                       Map<Channel, Long> counted) {
        long started = System.nanoTime();
        CountReport report = votes.count();
        Map<String, Object> value = RecordCount.resultValue(report);
        Map<String, Long> byChannel = new TreeMap<>();
        counted.forEach((channel, n) -> byChannel.put(channel.id(), n));
        LOG.infof("ballot %s counted: %d votes, %d stages, in %d ms", ballot.id, votes.size(),
                report.stages().size(), (System.nanoTime() - started) / 1_000_000);

        BallotResult result = new BallotResult();
        result.ballotId = ballot.id;
        result.report = CanonicalJson.write(value);
        result.elected = CanonicalJson.write(report.elected());
        result.votes = votes.size();
        result.byChannel = CanonicalJson.write(byChannel);
        result.recordRoot = finalHead.head().rootHash();
        result.countedAt = Instant.now();
        // Flags are for the scrutineer of a final ballot; a meeting's few votes per channel would only expose them.
        result.anomalies = CanonicalJson.write(ballot.isMeeting() ? List.of() : RecordCount.anomalies(votes,
                ballot.turnoutByBranch(), ballot.issuancesByHour()).stream().map(f -> {
                    Map<String, Object> v = new TreeMap<>();
                    v.put("kind", f.kind());
                    v.put("subject", f.subject());
                    v.put("detail", f.detail());
                    v.put("statistic", f.statistic());
                    v.put("threshold", f.threshold());
                    return v;
                }).toList());
        return result;
    }
}
