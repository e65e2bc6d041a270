package org.selectorate.verifier.recount;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.blt.BltWriter;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.JsonReport;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.RecordHeader;

/**
 * Counts a record's entries with the counting module, exactly as published: the tally service uses this to
 * produce a record's {@code result}, and the verifier to recount it, so the two can only differ if the record
 * was changed.
 */
public final class RecordCount {
    private RecordCount() {
    }

    /**
     * The election the entries make: one ballot per entry, its ranking in order.
     *
     * @throws IllegalArgumentException if a vote names a non-candidate or ranks someone twice
     */
    public static Election election(RecordHeader header, List<RecordEntry> entries) {
        BallotInfo ballot = header.ballot();
        List<Ballot> ballots = new ArrayList<>(entries.size());
        for (RecordEntry e : entries) {
            String problem = ballot.voteProblem(e.vote());
            if (problem != null) {
                throw new IllegalArgumentException("entry " + e.seq() + ": the vote " + problem);
            }
            int[] order = new int[e.vote().size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = ballot.candidates().indexOf(e.vote().get(i));
            }
            ballots.add(Ballot.ranking(1, order));
        }
        return Election.of(ballot.title(), ballot.candidates(), header.count().seats(),
                new LinkedHashSet<>(ballot.withdrawn()), ballots);
    }

    /** The counting module's options for the record's count rules. */
    public static AvRules rules(CountRules rules) {
        TieBreak tieBreak = TieBreak.named(rules.tieBreak(), rules.seed(), rules.precedence());
        AvRules.Finish finish = "last-two".equals(rules.finish()) ? AvRules.Finish.LAST_TWO : AvRules.Finish.MAJORITY;
        return new AvRules(RankRules.DEFAULT, tieBreak, rules.bulkExclusion(), finish, null);
    }

    public static CountReport count(RecordHeader header, List<RecordEntry> entries) {
        return InstantRunoff.count(election(header, entries), rules(header.count()));
    }

    /** The report as the record's {@code result} value: the counting module's JSON report, parsed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> resultValue(CountReport report) {
        return (Map<String, Object>) Json.parse(JsonReport.write(report));
    }

    /** The entries as a BLT file, for recounting with another program. */
    public static String blt(RecordHeader header, List<RecordEntry> entries) {
        return BltWriter.write(election(header, entries));
    }
}
