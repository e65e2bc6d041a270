package org.selectorate.counting.ballot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ballots as they are read, merged on arrival: a paper with the same marks as an earlier one only
 * adds to its count, so memory grows with distinct ballots, not with ballots. First-seen order is
 * kept, so a count's output never depends on hashing.
 */
public final class BallotPile {
    private final Map<Key, long[]> groups = new LinkedHashMap<>();

    public void add(Ballot b) {
        add(b, b.count());
    }

    /** Adds {@code count} papers marked as {@code marks} (whose own count is ignored). */
    public void add(Ballot marks, long count) {
        long[] n = groups.computeIfAbsent(new Key(marks), k -> new long[1]);
        n[0] = Math.addExact(n[0], count);
    }

    /**
     * The running paper count of the group marked as {@code marks} (made, at 0, if new): a reader that has
     * already matched a line to its group adds to it directly, without a second lookup.
     */
    public long[] papers(Ballot marks) {
        return groups.computeIfAbsent(new Key(marks), k -> new long[1]);
    }

    public List<Ballot> ballots() {
        List<Ballot> out = new ArrayList<>(groups.size());
        groups.forEach((k, n) -> out.add(k.ballot().count() == n[0] ? k.ballot() : k.ballot().withCount(n[0])));
        return out;
    }

    private record Key(Ballot ballot) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && ballot.sameMarks(k.ballot);
        }

        @Override
        public int hashCode() {
            return ballot.marksHash();
        }
    }
}
