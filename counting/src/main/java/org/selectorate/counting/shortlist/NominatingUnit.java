package org.selectorate.counting.shortlist;

import java.util.Objects;

/** A branch or affiliate that nominates, in its college (e.g. branches, affiliates). */
public record NominatingUnit(String name, String college) {
    public NominatingUnit {
        Objects.requireNonNull(name);
        Objects.requireNonNull(college);
    }
}
