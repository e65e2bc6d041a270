package org.selectorate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A generated members CSV for a demo constituency, in the import's documented columns. */
public final class Members {
    public static final String HEADER = "membership_number,first_name,last_name,email,phone,address,branch,joined,status,arrears";
    private static final String[] FIRST = {"Ada", "Ben", "Cara", "Dev", "Ela", "Finn", "Gita", "Hugo", "Isla", "Jon",
            "Kemi", "Liam", "Mia", "Nav", "Ola", "Priya", "Quinn", "Rosa", "Sam", "Tariq"};
    private static final String[] LAST = {"Ahmed", "Brown", "Clarke", "Davies", "Evans", "Foster", "Green", "Hughes",
            "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Novak", "Owen", "Patel", "Quigley", "Roberts", "Singh", "Taylor"};

    /** One member of the file, with whether the rulebook (6 months, no arrears, active) lets them on the roll. */
    public record Member(String number, String name, String email, String branch, boolean eligible) {
    }

    private final List<Member> members;
    private final Generator generator;

    private Members(List<Member> members, Generator generator) {
        this.members = members;
        this.generator = generator;
    }

    public List<Member> all() {
        return members;
    }

    public List<Member> eligible() {
        return members.stream().filter(Member::eligible).toList();
    }

    /** The whole file as text: for a small one. */
    public String csv() {
        try (InputStream in = csvStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file, its rows made as they are read (never held whole), for an upload of any size. */
    public InputStream csvStream() {
        Generator rows = generator.restart();
        return new InputStream() {
            private byte[] line = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = 0;
                while (n < len) {
                    if (at == line.length) {
                        String next = rows.next();
                        if (next == null) {
                            break;
                        }
                        line = next.getBytes(StandardCharsets.UTF_8);
                        at = 0;
                    }
                    int take = Math.min(len - n, line.length - at);
                    System.arraycopy(line, at, b, off + n, take);
                    at += take;
                    n += take;
                }
                return n == 0 ? -1 : n;
            }
        };
    }

    /**
     * {@code count} eligible members across {@code branches}, plus a few the rulebook leaves off the roll
     * (recent joiners, arrears, suspended), so the freeze has something to exclude.
     */
    public static Members generate(String constituency, List<String> branches, int count, LocalDate freeze, long seed) {
        Generator generator = new Generator(constituency, branches, count, freeze, seed);
        List<Member> members = new ArrayList<>();
        Generator rows = generator.restart();
        while (rows.next() != null) {
            members.add(rows.member);
        }
        return new Members(members, generator);
    }

    /** The rows in file order, the same each time from the same seed: the file is made again rather than kept. */
    private static final class Generator {
        private final String constituency;
        private final List<String> branches;
        private final int count;
        private final int total;
        private final LocalDate freeze;
        private final long seed;
        private final Random random;
        private int i;
        private Member member;

        Generator(String constituency, List<String> branches, int count, LocalDate freeze, long seed) {
            this.constituency = constituency;
            this.branches = List.copyOf(branches);
            this.count = count;
            this.total = count + Math.max(3, count / 50);
            this.freeze = freeze;
            this.seed = seed;
            this.random = new Random(seed);
        }

        Generator restart() {
            return new Generator(constituency, branches, count, freeze, seed);
        }

        /** The next row's CSV line (newline included), or null after the last; {@link #member} is its member. */
        String next() {
            if (i == total) {
                return null;
            }
            boolean eligible = i < count;
            String number = constituency + "-" + String.format("%06d", i + 1);
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String email = (first + "." + last + "." + number).toLowerCase(Locale.ROOT) + "@members.selectorate.test";
            String branch = branches.get(random.nextInt(branches.size()));
            LocalDate joined = freeze.minusMonths(7 + random.nextInt(240));
            String status = "active";
            boolean arrears = false;
            if (!eligible) {
                switch (i % 3) {
                    case 0 -> joined = freeze.minusMonths(2);
                    case 1 -> arrears = true;
                    default -> status = "suspended";
                }
            }
            member = new Member(number, first + " " + last, email, branch, eligible);
            String line = number + ',' + first + ',' + last + ',' + email + ",0161 496 " + String.format("%04d", i % 10000)
                    + ",\"" + (i + 1) + " High Street, " + constituency + "\"," + branch + ',' + joined + ',' + status
                    + ',' + arrears + '\n';
            i++;
            return line;
        }
    }
}
