package org.selectorate.counting.blt;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.BallotPile;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.io.FormatException;

/**
 * Reads BLT (the ERS/OpenSTV ballot format) with its common extensions: a withdrawn line of
 * negative numbers, {@code [nick …]}, {@code [withdrawn …]}, {@code [tie …]}, {@code a=b} for equal
 * rankings, {@code -} for a skipped rank and an optional {@code (id)} before a ballot's weight.
 * Lines after the title are commentary: read past, each returned as a {@link BltWarning}.
 */
public final class BltReader {
    private final Iterator<String> lines;
    private int at;
    private final Map<String, Integer> nicks = new HashMap<>();
    private final Set<Integer> withdrawn = new LinkedHashSet<>();
    private final List<String> tieNicks = new ArrayList<>();
    private final Map<String, Line> parsedLines = new HashMap<>();
    private final List<BltWarning> warnings = new ArrayList<>();
    private int candidates;

    private BltReader(Iterator<String> lines) {
        this.lines = lines;
    }

    public static BltFile read(String text) {
        return new BltReader(text.lines().iterator()).parse();
    }

    /** Reads line by line, merging ballots as they come: memory grows with distinct ballots. */
    public static BltFile read(BufferedReader in) {
        return new BltReader(in.lines().iterator()).parse();
    }

    private BltFile parse() {
        String[] header = tokens(nextLine("the header 'candidates seats'"));
        if (header.length != 2) {
            throw error("the header must be 'candidates seats'");
        }
        candidates = positive(header[0], "number of candidates");
        int seats = positive(header[1], "number of seats");
        BallotPile ballots = new BallotPile();
        while (true) {
            String line = nextLine("ballots ending with a line '0'");
            if (line.startsWith("[")) {
                extension(line);
            } else if (line.startsWith("-")) {
                for (String t : tokens(line)) {
                    withdrawn.add(candidate(t.substring(1)));
                }
            } else if (line.equals("0")) {
                break;
            } else {
                ballot(line, ballots);
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            names.add(quoted(nextLine("the name of candidate " + (i + 1))));
        }
        String title = lines.hasNext() ? quoted(nextLine("the title")) : "";
        // Other counting programs ignore lines after the title; ERBS's files keep commentary there.
        while (lines.hasNext()) {
            at++;
            String text = lines.next().strip();
            if (!text.isEmpty()) {
                warnings.add(new BltWarning(at, text));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        withdrawn.forEach(i -> out.add(names.get(i)));
        List<String> tie = tieNicks.stream().map(n -> names.get(candidate(n))).toList();
        try {
            return new BltFile(new Election(title, names, seats, out, ballots.ballots()), tie, warnings);
        } catch (IllegalArgumentException e) {
            throw new FormatException(at, e.getMessage());
        }
    }

    private void extension(String line) {
        if (!line.endsWith("]")) {
            throw error("an extension line must end with ']'");
        }
        String[] t = tokens(line.substring(1, line.length() - 1));
        switch (t[0]) {
            case "nick" -> {
                if (t.length - 1 != candidates) {
                    throw error("[nick] must give one nickname per candidate");
                }
                for (int i = 1; i < t.length; i++) {
                    if (nicks.put(t[i], i - 1) != null) {
                        throw error("nickname used twice: " + t[i]);
                    }
                }
            }
            case "withdrawn" -> {
                for (int i = 1; i < t.length; i++) {
                    withdrawn.add(candidate(t[i]));
                }
            }
            case "tie" -> {
                for (int i = 1; i < t.length; i++) {
                    candidate(t[i]);
                    tieNicks.add(t[i]);
                }
            }
            default -> throw error("unknown extension [" + t[0] + "]");
        }
    }

    /**
     * Adds one ballot line to the pile. Each distinct line is parsed once: a scanner's export
     * repeats the same lines many times (lines with an {@code (id)} are unique and not remembered).
     */
    private void ballot(String line, BallotPile pile) {
        Line parsed = parsedLines.get(line);
        if (parsed == null) {
            int start = line.startsWith("(") ? skipBlanks(line, skipToken(line, 0)) : 0;
            if (start >= line.length()) {
                throw error("a ballot needs a weight");
            }
            int end = skipToken(line, start);
            long weight = positive(line.substring(start, end), "ballot weight");
            Ballot marks = marks(line.substring(end));
            if (start != 0) {
                pile.add(marks, weight);
                return;
            }
            parsed = new Line(weight, pile.papers(marks));
            parsedLines.put(line, parsed);
        }
        parsed.papers()[0] = Math.addExact(parsed.papers()[0], parsed.weight());
    }

    /** A distinct ballot line: its weight and its group's running paper count in the pile. */
    private record Line(long weight, long[] papers) {
    }

    private Ballot marks(String text) {
        String[] t = tokens(text);
        if (!t[t.length - 1].equals("0")) {
            throw error("a ballot must end with 0");
        }
        int[][] ranks = new int[t.length - 1][];
        for (int r = 0; r < t.length - 1; r++) {
            if (t[r].equals("-")) {
                ranks[r] = new int[0];
            } else if (t[r].indexOf('=') < 0) {
                ranks[r] = new int[] {candidate(t[r])};
            } else {
                ranks[r] = java.util.Arrays.stream(t[r].split("=", -1)).mapToInt(this::candidate).toArray();
            }
        }
        return new Ballot(1, ranks);
    }

    private static int skipToken(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private int candidate(String token) {
        Integer nick = nicks.get(token);
        if (nick != null) {
            return nick;
        }
        try {
            int n = Integer.parseInt(token);
            if (n >= 1 && n <= candidates) {
                return n - 1;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error("unknown candidate '" + token + "'");
    }

    private int positive(String token, String what) {
        try {
            int n = Integer.parseInt(token);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error(what + " must be a positive whole number, got '" + token + "'");
    }

    private String quoted(String line) {
        if (line.length() < 2 || !line.startsWith("\"") || !line.endsWith("\"")) {
            throw error("expected a quoted name");
        }
        return line.substring(1, line.length() - 1);
    }

    private String nextLine(String expecting) {
        while (lines.hasNext()) {
            at++;
            String line = clean(lines.next());
            if (!line.isEmpty()) {
                return line;
            }
        }
        throw new FormatException(at, "file ends before " + expecting);
    }

    /** Drops a trailing {@code #} comment outside quotes, and surrounding blanks. */
    private static String clean(String line) {
        String s = line.strip();
        if (!s.startsWith("\"")) {
            int hash = s.indexOf('#');
            if (hash >= 0) {
                s = s.substring(0, hash).strip();
            }
        }
        return s;
    }

    private static String[] tokens(String line) {
        List<String> out = new ArrayList<>();
        for (int i = skipBlanks(line, 0); i < line.length(); ) {
            int end = skipToken(line, i);
            out.add(line.substring(i, end));
            i = skipBlanks(line, end);
        }
        return out.isEmpty() ? new String[] {""} : out.toArray(String[]::new);
    }

    private FormatException error(String message) {
        return new FormatException(at, message);
    }
}
