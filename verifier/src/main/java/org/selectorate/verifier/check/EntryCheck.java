package org.selectorate.verifier.check;

/**
 * A check that looks at every entry once as the record streams past (so no check holds the entries), then
 * reports through {@link Check#run}. One instance per verification.
 */
public interface EntryCheck extends Check {
    /** Work on one entry alone (hashes, signatures): called from several threads, in no particular order. */
    default void inspect(RecordFacts facts, ScannedEntry e) {
    }

    /** Work that needs the entries in record order (chain, first use): called on one thread, after inspect. */
    default void inOrder(RecordFacts facts, ScannedEntry e) {
    }
}
