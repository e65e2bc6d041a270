package org.selectorate.counting.trigger;

import java.util.Objects;
import org.selectorate.counting.simple.YesNo;

/**
 * A branch or affiliate in a trigger ballot and its own result: its members' yes/no vote on
 * holding a contest (yes = for a contest), or null when it did not vote.
 */
public record Unit(String name, String college, YesNo vote) {
    public Unit {
        Objects.requireNonNull(name);
        Objects.requireNonNull(college);
    }

    public boolean voted() {
        return vote != null;
    }

    /** The unit's result is for a contest: yes had a simple majority of its votes cast. */
    public boolean forContest() {
        return vote != null && vote.carried();
    }
}
