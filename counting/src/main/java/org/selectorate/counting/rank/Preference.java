package org.selectorate.counting.rank;

import org.selectorate.counting.ballot.Ballot;

/**
 * Finds the candidate a ballot counts for. Reads from the first rank every time (as RCTab does), so
 * the answer depends only on the ballot, the rules and who is continuing.
 */
public final class Preference {
    private Preference() {
    }

    /**
     * The continuing candidate this ballot counts for, or {@code -(reason.ordinal() + 1)} when it
     * is inactive (decode with {@link #reason(int)}).
     */
    public static int next(Ballot b, boolean[] continuing, RankRules rules) {
        if (b.isBlank()) {
            return code(Inactive.BLANK);
        }
        int lastMarked = lastMarkedRank(b);
        int lastSeen = 0;
        boolean[] seen = rules.duplicates() == RankRules.Duplicates.EXHAUST
                ? new boolean[continuing.length] : null;
        for (int r = 0; r < b.rankCount(); r++) {
            int n = b.markCount(r);
            if (n == 0) {
                continue;
            }
            int rank = r + 1;
            if (rules.maxSkipped() != RankRules.UNLIMITED && rank - lastSeen > rules.maxSkipped() + 1) {
                return code(Inactive.SKIPPED_RANKS);
            }
            lastSeen = rank;
            if (seen != null && repeats(b, r, seen)) {
                return code(Inactive.DUPLICATE);
            }
            if (n > 1 || b.mark(r, 0) == Ballot.UNNAMED_OVERVOTE) {
                int live = continuingMarks(b, r, continuing);
                boolean exhaust = switch (rules.overvote()) {
                    case EXHAUST -> true;
                    case SKIP -> false;
                    case EXHAUST_IF_MULTIPLE -> live >= 2 || hasUnnamed(b, r);
                };
                if (exhaust) {
                    return code(Inactive.OVERVOTE);
                }
                if (rules.overvote() == RankRules.Overvote.SKIP) {
                    continue;
                }
            }
            for (int i = 0; i < n; i++) {
                int c = b.mark(r, i);
                if (c >= 0 && continuing[c]) {
                    return c;
                }
            }
            if (r == lastMarked) {
                break;
            }
        }
        return code(exhaustion(b, rules));
    }

    public static boolean isInactive(int result) {
        return result < 0;
    }

    public static Inactive reason(int result) {
        return Inactive.values()[-result - 1];
    }

    public static int code(Inactive reason) {
        return -(reason.ordinal() + 1);
    }

    private static Inactive exhaustion(Ballot b, RankRules rules) {
        if (rules.maxRankings() == RankRules.UNLIMITED) {
            return Inactive.EXHAUSTED;
        }
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int r = 0; r < b.rankCount(); r++) {
            if (b.markCount(r) == 1 && b.mark(r, 0) >= 0) {
                distinct.add(b.mark(r, 0));
            }
        }
        return distinct.size() < rules.maxRankings() ? Inactive.ABSTENTION : Inactive.EXHAUSTED;
    }

    private static int lastMarkedRank(Ballot b) {
        for (int r = b.rankCount() - 1; r >= 0; r--) {
            if (b.markCount(r) > 0) {
                return r;
            }
        }
        return -1;
    }

    private static boolean repeats(Ballot b, int r, boolean[] seen) {
        for (int i = 0; i < b.markCount(r); i++) {
            int c = b.mark(r, i);
            if (c >= 0) {
                if (seen[c]) {
                    return true;
                }
                seen[c] = true;
            }
        }
        return false;
    }

    private static int continuingMarks(Ballot b, int r, boolean[] continuing) {
        int live = 0;
        for (int i = 0; i < b.markCount(r); i++) {
            int c = b.mark(r, i);
            if (c >= 0 && continuing[c]) {
                live++;
            }
        }
        return live;
    }

    private static boolean hasUnnamed(Ballot b, int r) {
        for (int i = 0; i < b.markCount(r); i++) {
            if (b.mark(r, i) == Ballot.UNNAMED_OVERVOTE) {
                return true;
            }
        }
        return false;
    }
}
