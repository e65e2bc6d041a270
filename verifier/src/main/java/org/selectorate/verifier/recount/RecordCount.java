package org.selectorate.verifier.recount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.selectorate.counting.CountOptions;
import org.selectorate.counting.Counter;
import org.selectorate.counting.Method;
import org.selectorate.counting.anomaly.Anomalies;
import org.selectorate.counting.anomaly.AnomalyFlag;
import org.selectorate.counting.anomaly.Turnout;
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
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.RecordHeader;

/**
 * Counts a record's entries with the counting module, exactly as published: the tally service uses this to
 * produce a record's {@code result}, and the verifier to recount it, so the two can only differ if the record
 * was changed. Every method a record may name ({@code av}, {@code stv-scottish}, {@code stv-meek},
 * {@code stv-ers97}) is counted by the same counter as {@code selectorate count} runs, and every stage is split
 * by the entries' channels.
 */
public final class RecordCount {
    /** Meek STV iterates until the surplus is at most 10^-6, the command line's default. */
    static final int MEEK_OMEGA = 6;

    private RecordCount() {
    }

    /**
     * The election the entries make: one ballot per entry, its ranking in order, identical rankings merged
     * whatever their channel (as the BLT export writes them).
     *
     * @throws IllegalArgumentException if a vote names a non-candidate or ranks someone twice
     */
    public static Election election(RecordHeader header, List<RecordEntry> entries) {
        ByChannel split = split(header, entries);
        Election e = split.election();
        return Election.of(e.title(), e.candidates(), e.seats(), e.withdrawn(), e.ballots());
    }

    /** The counting module's AV options for the record's count rules. */
    public static AvRules rules(RecordHeader header) {
        CountRules rules = header.count();
        TieBreak tieBreak = TieBreak.named(rules.tieBreak(), rules.seed(), precedence(header));
        AvRules.Finish finish = "last-two".equals(rules.finish()) ? AvRules.Finish.LAST_TWO : AvRules.Finish.MAJORITY;
        return new AvRules(RankRules.DEFAULT, tieBreak, rules.bulkExclusion(), finish, null);
    }

    /** The count of the record's method, every stage split by channel ({@code online}, {@code postal}, ...). */
    public static CountReport count(RecordHeader header, List<RecordEntry> entries) {
        return count(header, split(header, entries));
    }

    private static CountReport count(RecordHeader header, ByChannel split) {
        CountRules rules = header.count();
        if (!rules.isStv()) {
            // Counter's AV always stops at a majority; a record may also finish with the last two.
            return InstantRunoff.count(split.election(), rules(header), split.channels());
        }
        Method method = Method.of(rules.method());
        TieBreak.Mode mode = method == Method.STV_SCOTTISH ? TieBreak.Mode.valueOf(rules.tieBreak().toUpperCase())
                : null;
        CountOptions options = new CountOptions(0, mode, rules.seed(), RankRules.DEFAULT, false, MEEK_OMEGA);
        return Counter.count(method, split.election(), options, tieOrder(header), split.channels());
    }

    /** The report as the record's {@code result} value: the counting module's JSON report, parsed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> resultValue(CountReport report) {
        return (Map<String, Object>) Json.parse(JsonReport.write(report));
    }

    /**
     * The entries as a BLT file with the record's seats, for recounting with another program. Where ties go by
     * an order, a {@code [tie]} line gives it as {@code selectorate count} reads it for the method, so
     * {@code selectorate count FILE --method M --seed S} (with {@code --tie-break} for Scottish STV) repeats the
     * count.
     */
    public static String blt(RecordHeader header, List<RecordEntry> entries) {
        return BltWriter.write(election(header, entries), tieOrder(header));
    }

    /**
     * The anomaly flags to publish with the result (counting's {@link Anomalies}): first-preference shares by
     * channel from the votes taken, with ballot-service's turnout by branch and issuances per UTC hour. They never
     * change the result.
     */
    public static List<AnomalyFlag> anomalies(Tally tally, Map<String, Turnout> turnoutByBranch,
            Map<String, Long> issuancesByHour) {
        return Anomalies.flags(tally.firstPreferences(), turnoutByBranch, issuancesByHour);
    }

    /** The {@code order} tie-break's precedence, most favoured first: as listed, then the rest in paper order. */
    private static List<String> precedence(RecordHeader header) {
        LinkedHashSet<String> order = new LinkedHashSet<>(header.count().precedence());
        order.addAll(header.ballot().candidates());
        return List.copyOf(order);
    }

    /**
     * The order counting reads for the record's method, empty unless ties go by an order: Meek's defeat order
     * (the first listed defeated first, so the precedence reversed), else the precedence.
     */
    private static List<String> tieOrder(RecordHeader header) {
        if (!"order".equals(header.count().tieBreak())) {
            return List.of();
        }
        List<String> order = new ArrayList<>(precedence(header));
        if (CountRules.STV_MEEK.equals(header.count().method())) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    /** One distinct ranking of a channel and how many entries cast it. */
    @FunctionalInterface
    public interface Group {
        void accept(String channel, List<String> vote, long n);
    }

    /** Ballot groups of identical rankings from the same channel, with each group's channel. */
    private record ByChannel(Election election, List<String> channels) {
    }

    private static ByChannel split(RecordHeader header, List<RecordEntry> entries) {
        Tally tally = new Tally(header);
        entries.forEach(tally::add);
        return tally.split();
    }

    /**
     * The entries' votes taken one at a time, as a record streams past: each distinct ranking per channel once,
     * with how many entries cast it, so a million entries cost as much memory as their distinct rankings.
     */
    public static final class Tally {
        private final RecordHeader header;
        private final Map<List<Object>, long[]> groups = new LinkedHashMap<>();
        private String firstProblem;
        private long size;

        public Tally(RecordHeader header) {
            this.header = header;
        }

        public void add(RecordEntry e) {
            add(e.seq(), e.channel(), e.vote());
        }

        /** Takes entry {@code seq}'s vote: what counting reads of an entry, without its token or credential. */
        public void add(long seq, Channel channel, List<String> vote) {
            String problem = header.ballot().voteProblem(vote);
            if (problem != null) {
                if (firstProblem == null) {
                    firstProblem = "entry " + seq + ": the vote " + problem;
                }
                return;
            }
            groups.computeIfAbsent(List.of(channel.id(), List.copyOf(vote)), k -> new long[1])[0]++;
            size++;
        }

        /** How many votes were taken (a vote refused is not taken, and makes the count fail). */
        public long size() {
            return size;
        }

        /** Each distinct ranking taken, per channel, with how many entries cast it. */
        public void forEachGroup(Group each) {
            groups.forEach((key, n) -> each.accept((String) key.get(0), votes(key), n[0]));
        }

        /**
         * Per channel, each standing candidate's first preferences: the first candidate ranked who has not
         * withdrawn (papers ranking nobody who stands are left out).
         */
        public Map<String, Map<String, Long>> firstPreferences() {
            BallotInfo ballot = header.ballot();
            Map<String, Map<String, Long>> out = new TreeMap<>();
            forEachGroup((channelId, vote, n) -> {
                Map<String, Long> channel = out.computeIfAbsent(channelId, k -> {
                    Map<String, Long> zero = new TreeMap<>();
                    ballot.candidates().stream().filter(c -> !ballot.withdrawn().contains(c))
                            .forEach(c -> zero.put(c, 0L));
                    return zero;
                });
                vote.stream().filter(channel::containsKey).findFirst().ifPresent(c -> channel.merge(c, n, Long::sum));
            });
            return out;
        }

        @SuppressWarnings("unchecked")
        private static List<String> votes(List<Object> key) {
            return (List<String>) key.get(1);
        }

        /** The count of the record's method over the votes taken, every stage split by channel. */
        public CountReport count() {
            return RecordCount.count(header, split());
        }

        /** The votes taken as a BLT file, as {@link RecordCount#blt} writes it. */
        public String blt() {
            Election e = split().election();
            return BltWriter.write(Election.of(e.title(), e.candidates(), e.seats(), e.withdrawn(), e.ballots()),
                    tieOrder(header));
        }

        /** @throws IllegalArgumentException naming the first entry whose vote names a non-candidate or repeats one */
        private ByChannel split() {
            if (firstProblem != null) {
                throw new IllegalArgumentException(firstProblem);
            }
            BallotInfo ballot = header.ballot();
            List<Ballot> ballots = new ArrayList<>(groups.size());
            List<String> channels = new ArrayList<>(groups.size());
            groups.forEach((key, n) -> {
                List<?> vote = (List<?>) key.get(1);
                int[] order = vote.stream().mapToInt(ballot.candidates()::indexOf).toArray();
                ballots.add(Ballot.ranking(n[0], order));
                channels.add((String) key.get(0));
            });
            return new ByChannel(new Election(ballot.title(), ballot.candidates(), header.count().seats(),
                    new LinkedHashSet<>(ballot.withdrawn()), ballots), channels);
        }
    }
}
