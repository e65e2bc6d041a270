package org.selectorate.tally.cast;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.tally.record.RecordExamples;

/** The answer to a cast: the tracker to find it on the public record, and where to look. */
public record CastAccepted(@Schema(example = RecordExamples.TRACKER) String tracker,
                           @Schema(example = "/api/tally/public/ballots/" + RecordExamples.BALLOT_ID + "/entries/"
                                   + RecordExamples.TRACKER) String entry) {
}
