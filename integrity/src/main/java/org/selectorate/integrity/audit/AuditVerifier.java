package org.selectorate.integrity.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.selectorate.integrity.audit.AuditProblem.Kind;
import org.selectorate.integrity.hash.Digest;

/**
 * Checks an exported audit log with nothing but the log (and, if the reader has pinned one, the key it expects):
 * every position from seq 1 present once and in order, every entry matching its hash, chained to its predecessor
 * from the genesis of the log's key, every head signed by that key, and the filter honoured both ways. What it
 * cannot see: entries cut from the end (compare the head with an earlier export's).
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** Every problem found, by entry; empty if the log verifies. {@code expected} may be null. */
    public static List<AuditProblem> verify(AuditLog log, AuditKey expected) {
        List<AuditProblem> problems = new ArrayList<>();
        String service = log.service();
        AuditKey key = log.publicKey();
        if (expected != null && !expected.equals(key)) {
            problems.add(new AuditProblem(Kind.WRONG_KEY, 0, "signed with key " + key.fingerprint()
                    + ", not the expected " + expected.fingerprint()));
        }
        sequence(log.entries(), problems);

        TreeMap<Long, AuditLink> bySeq = new TreeMap<>();
        Map<String, Long> byHash = new HashMap<>();
        for (AuditLink e : log.entries()) {
            bySeq.putIfAbsent(e.seq(), e);
            byHash.putIfAbsent(e.hash(), e.seq());
        }
        String genesis = AuditHead.genesisHash(service, key).hex();
        for (AuditLink e : log.entries()) {
            if (!e.computedHash().hex().equals(e.hash())) {
                problems.add(new AuditProblem(Kind.EDITED, e.seq(), e instanceof AuditEntry
                        ? "its content does not match its hash" : "its withheld place does not match its hash"));
            } else if (e instanceof AuditEntry full && !full.statesConsistent()) {
                problems.add(new AuditProblem(Kind.EDITED, e.seq(), "a state shown does not match its own hash"));
            }
            link(e, bySeq, byHash, genesis, problems);
            if (!key.verify(service, e.seq(), e.hash(), e.signature())) {
                problems.add(new AuditProblem(Kind.BAD_SIGNATURE, e.seq(),
                        "its signed head does not verify under the log's key"));
            }
            boolean covered = log.filter().matches(e.scope());
            if (covered && !(e instanceof AuditEntry)) {
                problems.add(new AuditProblem(Kind.FILTER, e.seq(), "withheld, though in the log's "
                        + describe(log.filter())));
            } else if (!covered && e instanceof AuditEntry) {
                problems.add(new AuditProblem(Kind.FILTER, e.seq(), "shown, though outside the log's "
                        + describe(log.filter())));
            }
        }
        problems.sort(java.util.Comparator.comparingLong(AuditProblem::seq));
        return problems;
    }

    /** Seqs must run 1, 2, 3... in file order: a smaller or equal seq is a reorder, a skipped one a gap. */
    private static void sequence(List<AuditLink> entries, List<AuditProblem> problems) {
        long highest = 0;
        java.util.BitSet seen = new java.util.BitSet();
        for (AuditLink e : entries) {
            if (e.seq() <= highest) {
                problems.add(new AuditProblem(Kind.REORDER, e.seq(), e.seq() == highest || seen(seen, e.seq())
                        ? "appears more than once" : "appears after seq " + highest));
            }
            highest = Math.max(highest, e.seq());
            if (e.seq() <= Integer.MAX_VALUE) {
                seen.set((int) e.seq());
            }
        }
        long from = 0;
        for (long s = 1; s <= highest; s++) {
            boolean missing = s > Integer.MAX_VALUE || !seen.get((int) s);
            if (missing && from == 0) {
                from = s;
            }
            if (!missing && from != 0) {
                problems.add(gap(from, s - 1));
                from = 0;
            }
        }
    }

    private static boolean seen(java.util.BitSet seen, long seq) {
        return seq <= Integer.MAX_VALUE && seen.get((int) seq);
    }

    private static AuditProblem gap(long from, long to) {
        return new AuditProblem(Kind.GAP, from, from == to ? "missing from the chain"
                : "missing from the chain, with every entry up to seq " + to);
    }

    /** Each entry must be chained to the hash of the entry before it (seq 1: to the genesis of the log's key). */
    private static void link(AuditLink e, TreeMap<Long, AuditLink> bySeq, Map<String, Long> byHash, String genesis,
            List<AuditProblem> problems) {
        if (e.seq() == 1) {
            if (!e.previous().equals(genesis)) {
                problems.add(new AuditProblem(Kind.WRONG_KEY, 1,
                        "the chain was started under another key or service than the log names"));
            }
            return;
        }
        AuditLink before = bySeq.get(e.seq() - 1);
        if (before == null || e.previous().equals(before.hash())) {
            return; // a missing predecessor is a gap, reported once
        }
        Long named = byHash.get(e.previous());
        problems.add(named != null
                ? new AuditProblem(Kind.REORDER, e.seq(), "chained after seq " + named + ", not seq " + (e.seq() - 1))
                : new AuditProblem(Kind.BROKEN_CHAIN, e.seq(), "not chained to seq " + (e.seq() - 1)
                        + " (that entry was replaced, or this one re-chained)"));
    }

    private static String describe(AuditFilter f) {
        String where = f.allAreas() ? "area (everywhere)" : "area (regions " + f.regions() + ", constituencies "
                + f.constituencies() + ")";
        return f.selection() == null ? where : "selection " + f.selection() + " in its " + where;
    }

    /** The head after the last entry shown, for comparing with a later export. */
    public static AuditHead head(AuditLog log) {
        if (log.entries().isEmpty()) {
            return AuditHead.genesis(log.service(), log.publicKey());
        }
        AuditLink last = log.entries().get(log.entries().size() - 1);
        return new AuditHead(log.service(), last.seq(), Digest.fromHex(last.hash()));
    }
}
