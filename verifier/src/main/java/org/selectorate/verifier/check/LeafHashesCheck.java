package org.selectorate.verifier.check;

import java.util.List;
import java.util.stream.IntStream;
import org.selectorate.integrity.record.RecordEntry;

/** Each published leaf hash is the hash of its entry's content, so what a voter looks up is what was counted. */
public final class LeafHashesCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("leaf hashes");
        List<RecordEntry> entries = facts.entries();
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            if (!facts.leafHash(i).hex().equals(entries.get(i).leafHash())) {
                f.problem(i, RecordFacts.label(entries.get(i)) + ": content does not match its leaf hash");
            }
        });
        return f.result("every leaf hash matches its entry", "entries changed after they were hashed");
    }
}
