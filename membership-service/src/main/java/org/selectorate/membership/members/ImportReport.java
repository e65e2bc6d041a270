package org.selectorate.membership.members;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What an import did: {@code rows} data rows read, {@code imported} written, {@code rejected} refused,
 * and why each refused row was (the first {@value MemberCsv#MAX_REPORTED_ERRORS} reasons).
 */
public record ImportReport(@Schema(example = "1200") int rows,
                           @Schema(example = "1199") int imported,
                           @Schema(example = "1") int rejected,
                           List<RowError> errors) {

    /** {@code line} is the file's physical line (the header is line 1). */
    public record RowError(@Schema(example = "42") int line,
                           @Schema(example = "joined") String field,
                           @Schema(example = "must be an ISO date (YYYY-MM-DD)") String reason) {
    }
}
