package org.selectorate.counting.blt;

import java.util.List;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

/**
 * Writes plain numeric BLT that other counting programs read: withdrawn candidates as a line of
 * negative numbers, {@code =} for equal rankings and {@code -} for a skipped rank.
 */
public final class BltWriter {
    private BltWriter() {
    }

    public static String write(Election e) {
        return write(e, List.of());
    }

    /**
     * Writes the file with a {@code [tie …]} line giving {@code tieOrder} (candidate numbers), when not empty:
     * the order {@link BltReader} returns as {@link BltFile#tieOrder()}.
     */
    public static String write(Election e, List<String> tieOrder) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.candidateCount()).append(' ').append(e.seats()).append('\n');
        if (!tieOrder.isEmpty()) {
            sb.append("[tie ").append(String.join(" ", tieOrder.stream().map(n -> String.valueOf(e.indexOf(n) + 1))
                    .toList())).append("]\n");
        }
        if (!e.withdrawn().isEmpty()) {
            List<String> w = e.withdrawn().stream().map(n -> "-" + (e.indexOf(n) + 1)).toList();
            sb.append(String.join(" ", w)).append('\n');
        }
        for (Ballot b : e.ballots()) {
            sb.append(b.count());
            for (int r = 0; r < b.rankCount(); r++) {
                sb.append(' ');
                if (b.markCount(r) == 0) {
                    sb.append('-');
                }
                for (int i = 0; i < b.markCount(r); i++) {
                    int c = b.mark(r, i);
                    if (c == Ballot.UNNAMED_OVERVOTE) {
                        throw new IllegalArgumentException("BLT cannot express an overvote without names");
                    }
                    sb.append(i > 0 ? "=" : "").append(c + 1);
                }
            }
            sb.append(" 0\n");
        }
        sb.append("0\n");
        for (String name : e.candidates()) {
            sb.append(quote(name)).append('\n');
        }
        sb.append(quote(e.title())).append('\n');
        return sb.toString();
    }

    private static String quote(String s) {
        if (s.contains("\"") || s.contains("\n")) {
            throw new IllegalArgumentException("BLT cannot quote a name containing '\"' or a newline");
        }
        return "\"" + s + "\"";
    }
}
