package org.selectorate.tally.cast;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.tally.record.RecordExamples;

import java.util.List;

/**
 * An anonymous vote: the voter's token, the unblinded credential (prefix for the randomized variant, and
 * signature, base64url) and the candidates in order of preference.
 */
public record CastRequest(@Schema(example = RecordExamples.TOKEN) String token,
                          @Schema(example = RecordExamples.PREFIX) String prefix,
                          @Schema(example = RecordExamples.CREDENTIAL_SIGNATURE) String signature,
                          @Schema(example = RecordExamples.VOTE) List<String> vote) {
}
