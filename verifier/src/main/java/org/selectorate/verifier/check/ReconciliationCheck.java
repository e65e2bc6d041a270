package org.selectorate.verifier.check;

import java.util.Map;
import org.selectorate.integrity.record.Channel;

/**
 * No channel has more votes on the record than members marked in the register as issued a ballot (a
 * credential online, a postal pack, attendance in person): votes cannot come from nowhere.
 */
public final class ReconciliationCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("reconciliation with the marked register");
        Map<Channel, Long> votes = facts.entriesPerChannel();
        Map<Channel, Long> marked = facts.document().markedRegister();
        StringBuilder summary = new StringBuilder();
        for (Channel c : Channel.values()) {
            long v = votes.getOrDefault(c, 0L);
            long m = marked.getOrDefault(c, 0L);
            if (v > m) {
                f.problem(c.id() + ": " + v + " votes on the record but only " + m + " marked in the register");
            }
            summary.append(summary.length() == 0 ? "" : ", ").append(c.id()).append(' ').append(v).append(" of ")
                    .append(m);
        }
        return f.result("votes within the marked register per channel: " + summary,
                "more votes than marked members in a channel");
    }
}
