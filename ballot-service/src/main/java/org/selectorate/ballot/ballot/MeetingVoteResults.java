package org.selectorate.ballot.ballot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.StepRules;
import org.selectorate.ballot.timetable.Meeting;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.counting.meeting.ExhaustiveBallot;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each meeting vote decided, from tally-service's count at its close ({@link MeetingVoteCounted}): a yes/no
 * vote by simple majority (a tie as the rulebook's {@code meetingTie} says), a round of an exhaustive ballot by
 * counting's {@link ExhaustiveBallot} replayed over the meeting's rounds so far.
 */
@ApplicationScoped
public class MeetingVoteResults {
    private static final Logger LOG = Logger.getLogger(MeetingVoteResults.class);
    static final String YES = "Yes";
    static final String NO = "No";

    /** Keeps the count's result, once; call in the inbox's transaction. */
    public Uni<Void> record(MeetingVoteCounted counted) {
        UUID ballotId = UUID.fromString(counted.ballotId());
        return MeetingVoteResult.findById(ballotId).chain(known -> known != null ? Uni.createFrom().voidItem()
                : Ballot.<Ballot>findById(ballotId).chain(b -> {
                    if (b == null || b.meetingId == null || b.meetingVote == null) {
                        LOG.warnf("a count of %s, which is no meeting vote opened here with a kind", ballotId);
                        return Uni.createFrom().voidItem();
                    }
                    return Meeting.<Meeting>findById(b.meetingId).chain(m -> Selection.<Selection>findById(b.selectionId)
                            .chain(Rulebook::current)
                            .chain(rulebook -> MeetingVoteResult.YES_NO.equals(b.meetingVote)
                                    ? Uni.createFrom().item(yesNo(b, counted.totals(), rulebook))
                                    : round(b, counted.totals(), rulebook))
                            .onFailure(e -> e instanceof IllegalArgumentException
                                    || e instanceof IllegalStateException).recoverWithItem(e -> {
                                // Never expected (a round's paper is the continuing candidates): kept out of the
                                // results rather than retried for ever.
                                LOG.errorf("the count of meeting vote %s does not fit its ballot: %s", b.id,
                                        e.getMessage());
                                return null;
                            })
                            .chain(r -> {
                                if (r == null) {
                                    return Uni.createFrom().voidItem();
                                }
                                r.ballotId = b.id;
                                r.selectionId = b.selectionId;
                                r.meetingId = m.id;
                                r.step = m.step;
                                r.branch = m.branch;
                                r.kind = b.meetingVote;
                                r.totals = CanonicalJson.write(counted.totals());
                                r.votes = counted.votes();
                                return r.persist().replaceWithVoid();
                            }));
                }));
    }

    /** Yes if more said yes than no, no if more said no; a tie falls, or a lot from the rulebook's seed decides. */
    static MeetingVoteResult yesNo(Ballot b, Map<String, Long> totals, Rulebook rulebook) {
        long yes = totals.getOrDefault(YES, 0L);
        long no = totals.getOrDefault(NO, 0L);
        MeetingVoteResult r = new MeetingVoteResult();
        r.round = 1;
        String count = "Yes " + yes + ", No " + no;
        if (yes != no) {
            r.outcome = yes > no ? "yes" : "no";
            r.explanation = count + ": " + r.outcome + " by a majority of those voting";
            return r;
        }
        StepRules steps = rulebook.stepRules();
        String rule = steps == null ? StepRules.TIE_FALLS : steps.meetingTieRule();
        if (StepRules.TIE_FALLS.equals(rule)) {
            r.outcome = "no";
            r.explanation = count + ": a tie; under the rulebook a tied motion falls, so no";
            return r;
        }
        // The lot is drawn from the rulebook's seed, published before any vote, and the ballot's id: anyone can
        // repeat it, and branches tied in the same step do not all draw alike.
        long seed = rulebook.seed ^ b.id.getMostSignificantBits() ^ b.id.getLeastSignificantBits();
        TieBreaker.Resolution lot = new TieBreaker(TieBreak.random(seed), List.of(YES, NO))
                .winner(List.of(0, 1), List.of());
        r.outcome = lot.candidate() == 0 ? "yes" : "no";
        r.explanation = count + ": a tie, decided by lot under the rulebook (" + lot.explanation() + "), so "
                + r.outcome;
        return r;
    }

    /** This round with the meeting's earlier ones, counted as counting's exhaustive ballot counts them. */
    private static Uni<MeetingVoteResult> round(Ballot b, Map<String, Long> totals, Rulebook rulebook) {
        return rounds(b.meetingId).chain(ballots -> earlier(ballots, b.id).map(results -> {
            ExhaustiveBallot replay = replay(ballots.get(0), results, rulebook);
            ExhaustiveBallot.Round round = replay.vote(totals).rounds().get(results.size());
            MeetingVoteResult r = new MeetingVoteResult();
            r.round = round.number();
            r.outcome = round.selected();
            r.eliminated = round.eliminated();
            r.explanation = round.explanation();
            return r;
        }));
    }

    /** The meeting's rounds of its exhaustive ballot, in order. */
    static Uni<List<Ballot>> rounds(UUID meetingId) {
        return Ballot.list("meetingId = ?1 and meetingVote = ?2 order by createdAt", meetingId,
                MeetingVoteResult.ROUND);
    }

    /** The results of the rounds before {@code ballotId}, in order. */
    private static Uni<List<MeetingVoteResult>> earlier(List<Ballot> rounds, UUID ballotId) {
        List<UUID> before = rounds.stream().map(r -> r.id).takeWhile(id -> !id.equals(ballotId)).toList();
        if (before.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return MeetingVoteResult.<MeetingVoteResult>list("ballotId in ?1 order by round", before);
    }

    /**
     * The exhaustive ballot after {@code results}, its paper the first round's, under the rulebook's tie-break as the
     * final ballot's count reads it ({@code order} takes the first paper as its precedence).
     */
    @SuppressWarnings("unchecked")
    static ExhaustiveBallot replay(Ballot first, List<MeetingVoteResult> results, Rulebook rulebook) {
        ExhaustiveBallot ballot = ExhaustiveBallot.start(first.candidates(),
                TieBreak.named(rulebook.tieBreak, rulebook.seed, first.candidates()));
        for (MeetingVoteResult r : results) {
            Map<String, Long> votes = new LinkedHashMap<>();
            ((Map<String, Object>) Json.parse(r.totals)).forEach((name, v) -> votes.put(name, ((Number) v).longValue()));
            ballot = ballot.vote(votes);
        }
        return ballot;
    }
}
