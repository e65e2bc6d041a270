package org.selectorate.membership.roll;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A roll version as published: its root and counts, never its entries. */
public record RollView(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                       @Schema(example = "NW-001") String constituency,
                       @Schema(example = "2") int version,
                       @Schema(example = "a8bc46021717ad7d492b3551ad3e327a500efc3a6a12fefc2035c704e7488c81")
                       String root,
                       @Schema(example = "1200") long electorate,
                       @Schema(example = "{\"NW-001-B1\": 162, \"NW-001-B2\": 149, \"NW-001-B3\": 155, "
                               + "\"NW-001-B4\": 141, \"NW-001-B5\": 158, \"NW-001-B6\": 137, \"NW-001-B7\": 146, "
                               + "\"NW-001-B8\": 152}")
                       Map<String, Long> perBranch,
                       @Schema(example = "2026-11-30") LocalDate freezeDate,
                       @Schema(example = "2026-12-01T14:40:00Z") Instant frozenAt,
                       @Schema(example = "1") long changed) {
}
