package org.selectorate.counting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.CountOptions;
import org.selectorate.counting.Counter;
import org.selectorate.counting.Method;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.blt.BltFile;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.stv.GregoryRules;
import org.selectorate.counting.stv.GregoryStv;
import org.selectorate.counting.tie.TieBreak;

/** Every stage split by channel: the same count as without channels, each channel's share summing to the stage. */
class ChannelBreakdownTest {
    private static final List<String> CHANNELS = List.of("online", "postal", "in-person");

    static Stream<Arguments> counts() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("stv-rs/ballots/random/rand_5x4.blt", "stv-rs/ballots/vegetables.blt",
                "stv-rs/ballots/equal_preference/equal_preference.blt")) {
            for (Method m : List.of(Method.AV, Method.STV_SCOTTISH, Method.STV_MEEK, Method.STV_ERS97)) {
                out.add(Arguments.of(file, m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("counts")
    void splittingByChannelChangesNothingAndEveryChannelAddsUp(String file, Method method) {
        BltFile blt = BltReader.read(oracle(file));
        Election whole = method == Method.AV ? withSeats(blt.election(), 1) : blt.election();
        List<String> channels = new ArrayList<>();
        Election split = split(whole, channels, new Random(7));
        CountReport plain = Counter.count(method, whole, CountOptions.defaults(), blt.tieOrder());
        CountReport byChannel = Counter.count(method, split, CountOptions.defaults(), blt.tieOrder(), channels);

        assertEquals(plain.elected(), byChannel.elected());
        assertEquals(plain.stages().size(), byChannel.stages().size());
        for (int i = 0; i < plain.stages().size(); i++) {
            Stage p = plain.stages().get(i);
            Stage s = byChannel.stages().get(i);
            assertEquals(List.of(p.tallies(), p.inactive(), p.transfers(), p.elected(), p.excluded()),
                    List.of(s.tallies(), s.inactive(), s.transfers(), s.elected(), s.excluded()), "stage " + (i + 1));
            assertTrue(p.channels().isEmpty());
            assertEquals(List.of("in-person", "online", "postal"), List.copyOf(s.channels().keySet()));
            assertSums(s.tallies(), s.channels().values().stream().map(ChannelTally::tallies).toList());
            assertSums(s.inactive(), s.channels().values().stream().map(ChannelTally::inactive).toList());
        }
        assertEquals(JsonReport.write(byChannel), JsonReport.write(
                Counter.count(method, split, CountOptions.defaults(), blt.tieOrder(), channels)));
    }

    /**
     * Scottish STV, 2 seats, quota 5. A's 9 papers (6 online, 3 postal) pass on at 0.44444 each; A keeps the quota
     * split as the channels held it (3.33336 online, 1.66668 postal: 3.33333 and 1.66667 by largest remainder),
     * and the residual 0.00004 is what each channel held beyond its share.
     */
    @Test
    void anElectedCandidatesQuotaIsSplitInProportionAndTheResidualIsWhatIsLeft() {
        List<Ballot> ballots = List.of(Ballot.ranking(6, 0, 1), Ballot.ranking(2, 1), Ballot.ranking(3, 0, 2),
                Ballot.ranking(3, 2));
        Election e = new Election("t", List.of("A", "B", "C"), 2, java.util.Set.of(), ballots);
        CountReport r = GregoryStv.count(e, GregoryRules.scottish(TieBreak.forwards(0)),
                List.of("online", "online", "postal", "in-person"));
        Stage second = r.stages().get(1);
        assertEquals(Map.of("A", "3.33333", "B", "4.66664", "C", "0.00000"), text(second.channels().get("online")
                .tallies()));
        assertEquals(Map.of("A", "1.66667", "B", "0.00000", "C", "1.33332"), text(second.channels().get("postal")
                .tallies()));
        assertEquals(Map.of("A", "0.00000", "B", "0.00000", "C", "3.00000"), text(second.channels().get("in-person")
                .tallies()));
        assertEquals("0.00003", second.channels().get("online").inactive().get(GregoryStv.RESIDUAL).toString());
        assertEquals("0.00001", second.channels().get("postal").inactive().get(GregoryStv.RESIDUAL).toString());
        assertEquals(List.of("A", "B"), r.elected());
    }

    @Test
    void oneChannelPerBallotGroupOrNone() {
        Election e = new Election("t", List.of("A", "B"), 1, java.util.Set.of(), List.of(Ballot.ranking(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> Counter.count(Method.AV, e, CountOptions.defaults(),
                List.of(), List.of("online", "postal")));
        assertThrows(IllegalArgumentException.class, () -> Counter.count(Method.FPTP, e, CountOptions.defaults(),
                List.of(), List.of("online")));
    }

    private static String oracle(String path) {
        try (java.io.InputStream in = ChannelBreakdownTest.class.getResourceAsStream("/oracles/" + path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> text(Map<String, Fixed> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static void assertSums(Map<String, Fixed> whole, List<Map<String, Fixed>> parts) {
        whole.forEach((key, value) -> assertEquals(value, parts.stream().map(p -> p.get(key))
                .reduce(Fixed.zero(value.scale()), Fixed::plus), key));
    }

    /** Each paper to a channel drawn at random; groups of the same marks and channel. */
    private static Election split(Election e, List<String> channels, Random random) {
        List<Ballot> out = new ArrayList<>();
        for (Ballot b : e.ballots()) {
            long[] n = new long[CHANNELS.size()];
            for (long i = 0; i < b.count(); i++) {
                n[random.nextInt(n.length)]++;
            }
            for (int c = 0; c < n.length; c++) {
                if (n[c] > 0) {
                    out.add(b.withCount(n[c]));
                    channels.add(CHANNELS.get(c));
                }
            }
        }
        return new Election(e.title(), e.candidates(), e.seats(), e.withdrawn(), out);
    }

    private static Election withSeats(Election e, int seats) {
        return new Election(e.title(), e.candidates(), seats, e.withdrawn(), e.ballots());
    }
}
