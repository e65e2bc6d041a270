package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one meeting vote decided, from its count at the close: the totals announced in the room and, for a branch
 * meeting held for a step, the branch's decision ({@link #outcome}).
 */
@Entity
@Table(name = "meeting_vote_result")
public class MeetingVoteResult extends PanacheEntityBase {
    public static final String YES_NO = "yes-no";
    public static final String ROUND = "round";

    @Id
    @Column(name = "ballot_id")
    public UUID ballotId;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    public String step;

    public String branch;

    /** {@link #YES_NO} or {@link #ROUND} (a round of an exhaustive ballot). */
    @Column(nullable = false)
    public String kind;

    /** 1 for a yes/no vote; a round's number within its meeting's exhaustive ballot. */
    @Column(nullable = false)
    public int round;

    /** Votes by option, as canonical JSON. */
    @Column(nullable = false)
    public String totals;

    @Column(nullable = false)
    public long votes;

    /** yes or no (a trigger vote), or the selected candidate (a decisive round); null for an eliminating round. */
    public String outcome;

    /** Who a round without a majority eliminated, or null. */
    public String eliminated;

    @Column(nullable = false)
    public String explanation;

    /**
     * Each branch's decision in a step, by branch code: yes or no in the trigger step, the nominated candidate in
     * nominations. A branch whose meetings decided nothing (no vote, or rounds still running) is absent.
     */
    public static Uni<Map<String, String>> branchOutcomes(UUID selectionId, String step) {
        return MeetingVoteResult.<MeetingVoteResult>list("selectionId = ?1 and step = ?2 and branch is not null "
                        + "and outcome is not null", selectionId, step)
                .map(MeetingVoteResult::byBranch);
    }

    /** The meeting ballots each branch's decision in a step came from, by branch code (ballot ids, oldest first). */
    public static Uni<Map<String, List<String>>> branchBallots(UUID selectionId, String step) {
        return MeetingVoteResult.<MeetingVoteResult>list("selectionId = ?1 and step = ?2 and branch is not null "
                        + "and outcome is not null order by branch, round", selectionId, step)
                .map(decided -> {
                    Map<String, List<String>> out = new TreeMap<>();
                    decided.forEach(r -> out.computeIfAbsent(r.branch, b -> new ArrayList<>())
                            .add(r.ballotId.toString()));
                    return out;
                });
    }

    private static Map<String, String> byBranch(List<MeetingVoteResult> decided) {
        Map<String, String> out = new TreeMap<>();
        decided.forEach(r -> out.put(r.branch, r.outcome));
        return out;
    }
}
