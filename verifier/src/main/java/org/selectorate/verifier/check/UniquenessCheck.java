package org.selectorate.verifier.check;

import java.util.HashMap;
import java.util.Map;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.RecordEntry;

/** No token votes twice, no paper item is entered twice, and every tracker finds exactly one vote. */
public final class UniquenessCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("tokens used once");
        Map<String, Long> tokens = new HashMap<>();
        Map<PaperRef, Long> papers = new HashMap<>();
        Map<String, Long> trackers = new HashMap<>();
        for (RecordEntry e : facts.entries()) {
            if (e.token() != null) {
                Long first = tokens.putIfAbsent(e.token(), e.seq());
                if (first != null) {
                    f.problem(RecordFacts.label(e) + ": token already used by entry " + first);
                }
            }
            if (e.paper() != null) {
                Long first = papers.putIfAbsent(e.paper(), e.seq());
                if (first != null) {
                    f.problem(RecordFacts.label(e) + ": paper item " + e.paper().batch() + "/" + e.paper().item()
                            + " already entered as entry " + first);
                }
            }
            Long first = trackers.putIfAbsent(e.tracker(), e.seq());
            if (first != null) {
                f.problem(RecordFacts.label(e) + ": tracker already names entry " + first);
            }
        }
        return f.result(tokens.size() + " tokens and " + papers.size() + " paper items, each once",
                "a token, paper item or tracker appears more than once");
    }
}
