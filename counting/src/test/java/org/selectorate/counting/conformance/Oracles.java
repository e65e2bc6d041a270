package org.selectorate.counting.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.io.Json;

/** Reads the oracle data copied into test resources (see oracles/README.md). */
final class Oracles {
    private Oracles() {
    }

    static String text(String path) {
        try (InputStream in = Oracles.class.getResourceAsStream("/oracles/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource oracles/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String path) {
        return (Map<String, Object>) Json.parse(text(path));
    }

    /** Rows of a TSV file with a header, as lists of cells (header excluded). */
    static List<List<String>> tsv(String path) {
        return text(path).lines().skip(1).filter(l -> !l.isBlank())
                .map(l -> List.of(l.split("\t", -1))).toList();
    }

    /** Numeric equality regardless of scale ("5" equals "5.00000"). */
    static boolean same(Object expected, Fixed actual) {
        return actual != null && new BigDecimal(expected.toString()).compareTo(
                new BigDecimal(actual.toString())) == 0;
    }
}
