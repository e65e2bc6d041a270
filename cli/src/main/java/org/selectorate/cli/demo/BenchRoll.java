package org.selectorate.cli.demo;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A bench constituency's members, each computed from its index: a voter of an 800,000-member roll is found
 * from a number, so no list of members is ever held. The first {@code eligible} members are on the roll; a
 * few more (one in fifty) are not (recent joiners, arrears, suspended), so the freeze has something to exclude.
 */
final class BenchRoll {
    private static final String[] FIRST = {"Ada", "Ben", "Cara", "Dev", "Ela", "Finn", "Gita", "Hugo", "Isla", "Jon",
            "Kemi", "Liam", "Mia", "Nav", "Ola", "Priya", "Quinn", "Rosa", "Sam", "Tariq"};
    private static final String[] LAST = {"Ahmed", "Brown", "Clarke", "Davies", "Evans", "Foster", "Green", "Hughes",
            "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Novak", "Owen", "Patel", "Quigley", "Roberts", "Singh", "Taylor"};

    private final String constituency;
    private final List<String> branches;
    private final int eligible;
    private final LocalDate freeze;
    private final long seed;
    private final long stride;

    BenchRoll(String constituency, List<String> branches, int eligible, LocalDate freeze, long seed) {
        this.constituency = constituency;
        this.branches = List.copyOf(branches);
        this.eligible = eligible;
        this.freeze = freeze;
        this.seed = seed;
        this.stride = coprimeStride(eligible, seed);
    }

    int eligible() {
        return eligible;
    }

    int size() {
        return eligible + Math.max(3, eligible / 50);
    }

    /**
     * The {@code k}-th voter of the bench: the eligible members in a seeded order (an affine permutation of the
     * indices, so voters are spread over the file and each votes once), with no list of them held.
     */
    int voter(long k) {
        return (int) Math.floorMod(stride * k + seed, (long) eligible);
    }

    String email(int i) {
        SplittableRandom r = random(i);
        return (FIRST[r.nextInt(FIRST.length)] + "." + LAST[r.nextInt(LAST.length)] + "." + number(i)).toLowerCase(Locale.ROOT)
                + "@members.selectorate.test";
    }

    /** The members CSV in the import's documented columns ({@link Members#HEADER}). */
    String csv() {
        return TextStream.whole(csvStream());
    }

    /** The same CSV made a thousand lines at a time as it is read, so a national roll is never held whole. */
    InputStream csvStream() {
        int[] next = {-1};
        return new TextStream(() -> {
            if (next[0] >= size()) {
                return null;
            }
            StringBuilder lines = new StringBuilder(150_000);
            if (next[0] < 0) {
                lines.append(Members.HEADER).append('\n');
                next[0] = 0;
            }
            for (int end = Math.min(size(), next[0] + 1000); next[0] < end; next[0]++) {
                line(next[0], lines);
            }
            return lines.toString();
        });
    }

    void line(int i, StringBuilder csv) {
        SplittableRandom r = random(i);
        String number = number(i);
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        String email = (first + "." + last + "." + number).toLowerCase(Locale.ROOT) + "@members.selectorate.test";
        String branch = branches.get(r.nextInt(branches.size()));
        LocalDate joined = freeze.minusMonths(7 + r.nextInt(240));
        String status = "active";
        boolean arrears = false;
        if (i >= eligible) {
            switch (i % 3) {
                case 0 -> joined = freeze.minusMonths(2);
                case 1 -> arrears = true;
                default -> status = "suspended";
            }
        }
        csv.append(number).append(',').append(first).append(',').append(last).append(',').append(email)
                .append(",0161 496 ").append(String.format("%04d", i % 10000)).append(',')
                .append('"').append(i + 1).append(" High Street, ").append(constituency).append('"').append(',')
                .append(branch).append(',').append(joined).append(',').append(status).append(',').append(arrears)
                .append('\n');
    }

    private String number(int i) {
        return constituency + "-" + String.format("%07d", i + 1);
    }

    private SplittableRandom random(int i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    }

    /** A multiplier coprime with {@code n}, so k -> stride * k + seed (mod n) visits every index once. */
    static long coprimeStride(int n, long seed) {
        long stride = 1_000_003L + Math.floorMod(seed, 1000L) * 2;
        while (gcd(stride, n) != 1) {
            stride++;
        }
        return stride;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
