package org.selectorate.verifier.check;

/** Each published leaf hash is the hash of its entry's content, so what a voter looks up is what was counted. */
public final class LeafHashesCheck implements EntryCheck {
    private final Findings f = new Findings("leaf hashes");

    @Override
    public void inspect(RecordFacts facts, ScannedEntry e) {
        if (!e.leafHash().hex().equals(e.entry().leafHash())) {
            f.problem(e.position(), RecordFacts.label(e.entry()) + ": content does not match its leaf hash");
        }
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        return f.result("every leaf hash matches its entry", "entries changed after they were hashed");
    }
}
