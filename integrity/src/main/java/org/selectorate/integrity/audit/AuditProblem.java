package org.selectorate.integrity.audit;

/** One thing wrong with an audit log, at the entry it concerns (seq 0: the log as a whole). */
public record AuditProblem(Kind kind, long seq, String message) {
    public enum Kind {
        /** The log is not signed by the expected key, or its chain was started under another key. */
        WRONG_KEY,
        /** Positions of the chain are missing. */
        GAP,
        /** Entries are out of order, repeated, or chained after another entry than their predecessor. */
        REORDER,
        /** An entry's content does not match its hash. */
        EDITED,
        /** An entry is not chained to its predecessor's hash (an entry replaced, or the chain re-hashed). */
        BROKEN_CHAIN,
        /** An entry's signed head does not verify under the log's key. */
        BAD_SIGNATURE,
        /** An entry the log's filter covers was withheld, or one it does not cover was shown. */
        FILTER
    }

    @Override
    public String toString() {
        return (seq == 0 ? "log" : "seq " + seq) + ": " + message;
    }
}
