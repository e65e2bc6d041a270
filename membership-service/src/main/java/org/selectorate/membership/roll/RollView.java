package org.selectorate.membership.roll;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A roll version as published: its root and counts, never its entries. */
public record RollView(String selectionId, String constituency, int version, String root, long electorate,
                       Map<String, Long> perBranch, LocalDate freezeDate, Instant frozenAt, long changed) {
}
