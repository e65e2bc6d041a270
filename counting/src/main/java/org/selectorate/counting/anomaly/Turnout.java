package org.selectorate.counting.anomaly;

/** One branch's electors and the members marked in the register as having voted (any channel). */
public record Turnout(long electors, long marked) {
    public Turnout {
        if (electors < 0 || marked < 0 || marked > electors) {
            throw new IllegalArgumentException("a branch's marked members must be 0 to its electors, got "
                    + marked + " of " + electors);
        }
    }
}
