package org.selectorate.counting.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

/**
 * The JSON ballot file: {@code {"candidates": [...], "seats": n, "withdrawn": [...], "ballots":
 * [{"count": k, "ranks": [["A"], [], ["B","C"]]}]}}. Each rank is a list of marks: empty is a
 * skipped rank, two or more an overvote (or equal preferences where the method allows them).
 */
public final class JsonBallots {
    private final Json.Document doc;

    private JsonBallots(Json.Document doc) {
        this.doc = doc;
    }

    public static Election read(String text) {
        return new JsonBallots(Json.parseDocument(text)).election();
    }

    private Election election() {
        Map<String, Object> root = object(doc.root(), "the file");
        for (String key : root.keySet()) {
            if (!Set.of("title", "candidates", "seats", "withdrawn", "ballots").contains(key)) {
                throw new FormatException(doc.lineOf(root), "unknown field \"" + key + "\"");
            }
        }
        List<String> candidates = strings(root.get("candidates"), "candidates", root);
        int seats = root.containsKey("seats") ? (int) whole(root.get("seats"), "seats", root) : 1;
        Set<String> withdrawn = new LinkedHashSet<>(root.containsKey("withdrawn")
                ? strings(root.get("withdrawn"), "withdrawn", root) : List.of());
        List<Ballot> ballots = new ArrayList<>();
        for (Object item : list(root.get("ballots"), "ballots", root)) {
            ballots.add(ballot(object(item, "a ballot"), candidates));
        }
        String title = root.get("title") instanceof String t ? t : "";
        try {
            return Election.of(title, candidates, seats, withdrawn, ballots);
        } catch (IllegalArgumentException e) {
            throw new FormatException(doc.lineOf(root), e.getMessage());
        }
    }

    private Ballot ballot(Map<String, Object> b, List<String> candidates) {
        long count = b.containsKey("count") ? whole(b.get("count"), "count", b) : 1;
        if (count <= 0) {
            throw new FormatException(doc.lineOf(b), "count must be positive");
        }
        List<Object> ranks = list(b.get("ranks"), "ranks", b);
        int[][] marks = new int[ranks.size()][];
        for (int r = 0; r < ranks.size(); r++) {
            List<String> names = strings(ranks.get(r), "a rank", b);
            marks[r] = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                int c = candidates.indexOf(names.get(i));
                if (c < 0) {
                    throw new FormatException(doc.lineOf(b), "unknown candidate \"" + names.get(i) + "\"");
                }
                marks[r][i] = c;
            }
        }
        return new Ballot(count, marks);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new FormatException(doc.lineOf(v), what + " must be a JSON object");
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, String what, Object parent) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new FormatException(doc.lineOf(parent), what + " must be a JSON array");
    }

    private List<String> strings(Object v, String what, Object parent) {
        List<String> out = new ArrayList<>();
        for (Object o : list(v, what, parent)) {
            if (!(o instanceof String s)) {
                throw new FormatException(doc.lineOf(v), what + " must hold only strings");
            }
            out.add(s);
        }
        return out;
    }

    private long whole(Object v, String what, Object parent) {
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                // fall through to the error below
            }
        }
        throw new FormatException(doc.lineOf(parent), what + " must be a whole number");
    }
}
