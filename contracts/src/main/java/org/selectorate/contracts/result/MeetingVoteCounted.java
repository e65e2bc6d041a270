package org.selectorate.contracts.result;

import java.util.Map;

/**
 * A vote at a meeting has been counted at its close (topic {@code selectorate.results}, key: ballot id): the totals
 * the chair announces in the room, sent whether or not the ballot's record has been released. The record itself
 * stays withheld until the step closes; {@link ResultPublished} follows only then. A meeting vote takes one mark, so
 * the totals are each option's votes.
 *
 * @param totals votes by option (every option on the paper, 0 for none)
 * @param votes  votes cast
 */
public record MeetingVoteCounted(String ballotId, String selectionId, String meetingId, Map<String, Long> totals,
                                 long votes) {
    public static final String TYPE = "org.selectorate.result.MeetingVoteCounted";
}
