package org.selectorate.verifier.check;

import java.util.Map;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;

/**
 * Each channel's ballot paper account reconciles (returns are all rejected, spoilt or counted, and no more came back
 * than were issued), counts exactly the record's entries in that channel, and agrees with the marked register:
 * online, a credential issued is a member marked; on paper, no more members are marked than papers were issued (a
 * cancelled and replaced postal pack is two papers for one member). A record from before accounts were kept has
 * none, and the check says so rather than failing.
 */
public final class PaperAccountCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("ballot paper account");
        Map<Channel, ChannelAccount> accounts = facts.document().paperAccount();
        if (accounts.isEmpty()) {
            return f.result("no ballot paper account on this record (a record from before accounts were kept)", "");
        }
        Map<Channel, Long> entries = facts.entriesPerChannel();
        Map<Channel, Long> register = facts.document().markedRegister();
        StringBuilder summary = new StringBuilder();
        for (Channel c : Channel.values()) {
            long onRecord = entries.getOrDefault(c, 0L);
            long marked = register.getOrDefault(c, 0L);
            ChannelAccount a = accounts.get(c);
            if (a == null) {
                if (onRecord > 0 || marked > 0) {
                    f.problem(c.id() + ": no account, but " + onRecord + " entries on the record and " + marked
                            + " marked in the register");
                }
                continue;
            }
            for (String p : a.problems()) {
                f.problem(c.id() + ": " + p);
            }
            if (a.counted() != onRecord) {
                f.problem(c.id() + ": the account counts " + a.counted() + " but the record holds " + onRecord
                        + " " + c.id() + " entries");
            }
            if (c == Channel.ONLINE && a.issued() != marked) {
                f.problem(c.id() + ": the account issued " + a.issued() + " credentials but the marked register "
                        + "has " + marked + " members issued one");
            }
            if (c.isPaper() && marked > a.issued()) {
                f.problem(c.id() + ": " + marked + " members marked in the register but only " + a.issued()
                        + " papers issued");
            }
            summary.append(summary.length() == 0 ? "" : "; ").append(describe(c, a));
        }
        return f.result("every channel reconciles: " + summary,
                "the ballot paper account does not reconcile with the entries and the marked register");
    }

    private static String describe(Channel c, ChannelAccount a) {
        StringBuilder sb = new StringBuilder(c.id()).append(" issued ").append(a.issued()).append(", returned ")
                .append(a.returned());
        if (a.rejectedTotal() > 0) {
            sb.append(", rejected ").append(a.rejectedTotal());
        }
        if (a.spoiltTotal() > 0) {
            sb.append(", spoilt ").append(a.spoiltTotal());
        }
        return sb.append(", counted ").append(a.counted()).toString();
    }
}
