package org.selectorate.verifier.check;

import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.RecordEntry;

/** No token votes twice, no paper item is entered twice, and every tracker finds exactly one vote. */
public final class UniquenessCheck implements EntryCheck {
    private final Findings f = new Findings("tokens used once");
    private final FirstSeen tokens = new FirstSeen();
    private final FirstSeen papers = new FirstSeen();
    private final FirstSeen trackers = new FirstSeen();

    @Override
    public void inOrder(RecordFacts facts, ScannedEntry scanned) {
        RecordEntry e = scanned.entry();
        if (e.token() != null) {
            Long first = tokens.putIfAbsent(e.token(), e.seq());
            if (first != null) {
                f.problem(RecordFacts.label(e) + ": token already used by entry " + first);
            }
        }
        PaperRef paper = e.paper();
        if (paper != null) {
            // the batch's length first, so no two (batch, item) pairs spell the same key
            Long first = papers.putIfAbsent(paper.batch().length() + ":" + paper.batch() + "/" + paper.item(),
                    e.seq());
            if (first != null) {
                f.problem(RecordFacts.label(e) + ": paper item " + paper.batch() + "/" + paper.item()
                        + " already entered as entry " + first);
            }
        }
        Long first = trackers.putIfAbsent(e.tracker(), e.seq());
        if (first != null) {
            f.problem(RecordFacts.label(e) + ": tracker already names entry " + first);
        }
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        return f.result(tokens.size() + " tokens and " + papers.size() + " paper items, each once",
                "a token, paper item or tracker appears more than once");
    }
}
