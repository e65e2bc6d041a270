package org.selectorate.cli.demo;

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
    private final String csv;

    private Members(List<Member> members, String csv) {
        this.members = members;
        this.csv = csv;
    }

    public List<Member> all() {
        return members;
    }

    public List<Member> eligible() {
        return members.stream().filter(Member::eligible).toList();
    }

    public String csv() {
        return csv;
    }

    /**
     * {@code count} eligible members across {@code branches}, plus a few the rulebook leaves off the roll
     * (recent joiners, arrears, suspended), so the freeze has something to exclude.
     */
    public static Members generate(String constituency, List<String> branches, int count, LocalDate freeze, long seed) {
        Random random = new Random(seed);
        List<Member> members = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int ineligible = Math.max(3, count / 50);
        for (int i = 0; i < count + ineligible; i++) {
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
            members.add(new Member(number, first + " " + last, email, branch, eligible));
            csv.append(number).append(',').append(first).append(',').append(last).append(',').append(email)
                    .append(",0161 496 ").append(String.format("%04d", i % 10000)).append(',')
                    .append('"').append(i + 1).append(" High Street, ").append(constituency).append('"').append(',')
                    .append(branch).append(',').append(joined).append(',').append(status).append(',').append(arrears)
                    .append('\n');
        }
        return new Members(members, csv.toString());
    }
}
