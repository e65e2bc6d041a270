package org.selectorate.cli.demo;

import java.io.InputStream;
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
        return TextStream.whole(csvStream());
    }

    /** The file, its rows made as they are read (never held whole), for an upload of any size. */
    public InputStream csvStream() {
        Generator rows = generator.restart();
        boolean[] headed = {false};
        return new TextStream(() -> {
            if (!headed[0]) {
                headed[0] = true;
                return HEADER + "\n";
            }
            return rows.next();
        });
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
