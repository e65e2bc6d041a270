package org.selectorate.contracts.ballot;

import java.time.Instant;

/**
 * A meeting ballot's record may be published (topic {@code selectorate.ballots}, key: ballot id): the step it
 * belongs to (trigger or nominations) has closed. Meeting ballots are small, so until then their records are
 * withheld: a running tally per meeting would let those present work out how the last voters voted.
 *
 * @param step        the step that closed, e.g. {@code trigger} or {@code nominations}
 * @param totalsOnly  fewer voted than the rulebook's {@code minimumPublishedVoters}: only the count's totals are
 *                    published, never the entries (with so few, an entry could be tied to its voter)
 */
public record BallotReleased(String ballotId, String selectionId, String step, boolean totalsOnly,
                             Instant releasedAt) {
    public static final String TYPE = "org.selectorate.ballot.BallotReleased";
}
