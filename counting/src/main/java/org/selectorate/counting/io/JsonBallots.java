package org.selectorate.counting.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

/**
 * The JSON ballot file: {@code {"candidates": [...], "seats": n, "withdrawn": [...], "ballots":
 * [{"count": k, "ranks": [["A"], [], ["B","C"]]}]}}. Each rank is a list of marks: empty is a
 * skipped rank, two or more an overvote (or equal preferences where the method allows them).
 *
 * <p>Read as a stream, one paper at a time: identical papers are merged on arrival (first-seen
 * order), so memory grows with distinct ballots, not with papers, and a name is looked up once
 * per distinct name. The fields may come in any order: names are numbered as first seen and
 * matched to the candidates at the end.
 */
public final class JsonBallots {
    private final JsonParser p;
    /**
     * Each name seen in a ballot, numbered in first-seen order, and the line it was first seen on. Looked up
     * from the parser's characters (open addressing), so a name already seen makes no String.
     */
    private char[][] nameSlots = new char[64][];
    private int[] nameIds = new int[64];
    private final List<String> nameOrder = new ArrayList<>();
    private final List<Integer> nameLines = new ArrayList<>();
    /** Distinct ballots (marks as named-order numbers) and how many papers of each. */
    private final Map<Marks, long[]> groups = new HashMap<>();
    private final List<Marks> groupOrder = new ArrayList<>();
    /** One paper's marks as they are read: rank count, then per rank its mark count and marks. */
    private final Marks paper = new Marks(new int[64], 0);

    private JsonBallots(JsonParser p) {
        this.p = p;
    }

    public static Election read(String text) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            return new JsonBallots(p).election();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a UTF-8 ballot file; {@link IOException} only when the stream itself fails. */
    public static Election read(InputStream in) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            return new JsonBallots(p).election();
        }
    }

    private Election election() throws IOException {
        try {
            return root();
        } catch (JsonProcessingException e) {
            throw Json.error(e);
        }
    }

    private Election root() throws IOException {
        if (Json.next(p, "unexpected end of input") != JsonToken.START_OBJECT) {
            throw new FormatException(Json.line(p), "the file must be a JSON object");
        }
        int rootLine = Json.line(p);
        String title = "";
        List<String> candidates = null;
        int seats = 1;
        List<String> withdrawn = List.of();
        boolean ballots = false;
        while (Json.next(p, "unexpected end of input") == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = Json.next(p, "unexpected end of input");
            switch (field) {
                case "title" -> {
                    title = t == JsonToken.VALUE_STRING ? p.getText() : "";
                    p.skipChildren();
                }
                case "candidates" -> candidates = strings(t, "candidates");
                case "seats" -> seats = (int) whole(t, "seats");
                case "withdrawn" -> withdrawn = strings(t, "withdrawn");
                case "ballots" -> {
                    ballots(t);
                    ballots = true;
                }
                default -> throw new FormatException(Json.line(p), "unknown field \"" + field + "\"");
            }
        }
        if (p.nextToken() != null) {
            throw new FormatException(Json.line(p), "unexpected text after the JSON value");
        }
        if (candidates == null) {
            throw new FormatException(rootLine, "candidates must be a JSON array");
        }
        if (!ballots) {
            throw new FormatException(rootLine, "ballots must be a JSON array");
        }
        List<Ballot> distinct = distinct(candidates);
        try {
            return new Election(title, candidates, seats, new LinkedHashSet<>(withdrawn), distinct);
        } catch (IllegalArgumentException e) {
            throw new FormatException(rootLine, e.getMessage());
        }
    }

    private void ballots(JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new FormatException(Json.line(p), "ballots must be a JSON array");
        }
        for (JsonToken b = Json.next(p, "unexpected end of input"); b != JsonToken.END_ARRAY;
                b = Json.next(p, "unexpected end of input")) {
            if (b != JsonToken.START_OBJECT) {
                throw new FormatException(Json.line(p), "a ballot must be a JSON object");
            }
            ballot();
        }
    }

    /** One ballot object: its marks into {@link #paper}, then onto its group. */
    private void ballot() throws IOException {
        long count = 1;
        boolean ranks = false;
        while (Json.next(p, "unexpected end of input") == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = Json.next(p, "unexpected end of input");
            if (field.equals("ranks")) {
                ranks(t);
                ranks = true;
            } else if (field.equals("count")) {
                count = whole(t, "count");
                if (count <= 0) {
                    throw new FormatException(Json.line(p), "count must be positive");
                }
            } else {
                p.skipChildren();
            }
        }
        if (!ranks) {
            throw new FormatException(Json.line(p), "ranks must be a JSON array");
        }
        long[] n = groups.get(paper);
        if (n == null) {
            Marks kept = paper.copy();
            groups.put(kept, n = new long[1]);
            groupOrder.add(kept);
        }
        n[0] = Math.addExact(n[0], count);
    }

    private void ranks(JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new FormatException(Json.line(p), "ranks must be a JSON array");
        }
        paper.clear();
        for (JsonToken r = Json.next(p, "unexpected end of input"); r != JsonToken.END_ARRAY;
                r = Json.next(p, "unexpected end of input")) {
            if (r != JsonToken.START_ARRAY) {
                throw new FormatException(Json.line(p), "a rank must be a JSON array");
            }
            int at = paper.startRank();
            for (JsonToken m = Json.next(p, "unexpected end of input"); m != JsonToken.END_ARRAY;
                    m = Json.next(p, "unexpected end of input")) {
                if (m != JsonToken.VALUE_STRING) {
                    throw new FormatException(Json.line(p), "a rank must hold only strings");
                }
                paper.addMark(at, name());
            }
        }
    }

    /** The number of the name the parser is on. */
    private int name() throws IOException {
        char[] text = p.getTextCharacters();
        int from = p.getTextOffset();
        int length = p.getTextLength();
        int mask = nameSlots.length - 1;
        int slot = hash(text, from, from + length) & mask;
        for (char[] k = nameSlots[slot]; k != null; k = nameSlots[slot]) {
            if (Arrays.equals(k, 0, k.length, text, from, from + length)) {
                return nameIds[slot];
            }
            slot = (slot + 1) & mask;
        }
        int id = nameOrder.size();
        nameSlots[slot] = Arrays.copyOfRange(text, from, from + length);
        nameIds[slot] = id;
        nameOrder.add(new String(text, from, length));
        nameLines.add(Json.line(p));
        if (2 * nameOrder.size() > nameSlots.length) {
            growNames();
        }
        return id;
    }

    private void growNames() {
        char[][] slots = new char[nameSlots.length * 2][];
        int[] ids = new int[slots.length];
        for (int i = 0; i < nameSlots.length; i++) {
            char[] k = nameSlots[i];
            if (k != null) {
                int slot = hash(k, 0, k.length) & (slots.length - 1);
                while (slots[slot] != null) {
                    slot = (slot + 1) & (slots.length - 1);
                }
                slots[slot] = k;
                ids[slot] = nameIds[i];
            }
        }
        nameSlots = slots;
        nameIds = ids;
    }

    private static int hash(char[] text, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + text[i];
        }
        return h ^ (h >>> 16);
    }

    /** The distinct ballots in first-seen order, their names matched to the candidates. */
    private List<Ballot> distinct(List<String> candidates) {
        int[] candidate = new int[nameOrder.size()];
        for (int i = 0; i < candidate.length; i++) {
            candidate[i] = candidates.indexOf(nameOrder.get(i));
            if (candidate[i] < 0) {
                throw new FormatException(nameLines.get(i), "unknown candidate \"" + nameOrder.get(i) + "\"");
            }
        }
        List<Ballot> out = new ArrayList<>(groupOrder.size());
        for (Marks g : groupOrder) {
            out.add(g.ballot(groups.get(g)[0], candidate));
        }
        return out;
    }

    private List<String> strings(JsonToken t, String what) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new FormatException(Json.line(p), what + " must be a JSON array");
        }
        List<String> out = new ArrayList<>();
        for (JsonToken s = Json.next(p, "unexpected end of input"); s != JsonToken.END_ARRAY;
                s = Json.next(p, "unexpected end of input")) {
            if (s != JsonToken.VALUE_STRING) {
                throw new FormatException(Json.line(p), what + " must hold only strings");
            }
            out.add(p.getText());
        }
        return out;
    }

    /** A whole number, written as an integer or as a decimal with nothing after the point ("2.0"). */
    private long whole(JsonToken t, String what) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return new BigDecimal(p.getText()).longValueExact();
            } catch (ArithmeticException e) {
                // fall through to the error below
            }
        }
        throw new FormatException(Json.line(p), what + " must be a whole number");
    }

    /**
     * A ballot's marks flattened into one int array: the rank count, then for each rank its mark
     * count and its marks. Equal arrays are equal ballots.
     */
    private static final class Marks {
        private int[] a;
        private int size;
        private int hash;

        Marks(int[] a, int size) {
            this.a = a;
            this.size = size;
            this.hash = hashOf(a, size);
        }

        void clear() {
            a[0] = 0;
            size = 1;
            hash = 0;
        }

        /** Opens a rank; returns where its mark count is kept. */
        int startRank() {
            ensure(1);
            a[0]++;
            a[size] = 0;
            return size++;
        }

        void addMark(int rankAt, int mark) {
            ensure(1);
            a[rankAt]++;
            a[size++] = mark;
        }

        private void ensure(int more) {
            if (size + more > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
        }

        Marks copy() {
            return new Marks(Arrays.copyOf(a, size), size);
        }

        Ballot ballot(long count, int[] candidate) {
            int[][] ranks = new int[a[0]][];
            int at = 1;
            for (int r = 0; r < ranks.length; r++) {
                ranks[r] = new int[a[at++]];
                for (int i = 0; i < ranks[r].length; i++) {
                    ranks[r][i] = candidate[a[at++]];
                }
            }
            return new Ballot(count, ranks);
        }

        private static int hashOf(int[] a, int size) {
            int h = 1;
            for (int i = 0; i < size; i++) {
                h = 31 * h + a[i];
            }
            return h;
        }

        @Override
        public int hashCode() {
            if (hash == 0) {
                hash = hashOf(a, size);
            }
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Marks m && Arrays.equals(a, 0, size, m.a, 0, m.size);
        }
    }
}
