package org.selectorate.counting.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) on jackson-core's streaming parser: a name twice in one object, leading
 * zeros, {@code +1}, {@code .5}, NaN, comments and unescaped control characters are refused (jackson's
 * defaults plus duplicate detection). Objects read as insertion-ordered maps, numbers as
 * {@link BigDecimal} (never double). Errors are one line naming the line.
 */
public final class Json {
    /** The one factory (thread-safe) for every JSON read in this library. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {
    }

    /** Parses one JSON value; throws {@link FormatException} naming the line of the first error. */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            Object v = value(p, next(p, "unexpected end of input"));
            if (p.nextToken() != null) {
                throw new FormatException(line(p), "unexpected text after the JSON value");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw error(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (next(p, "unexpected end of input") == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, value(p, next(p, "unexpected end of input")));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (JsonToken e = next(p, "unexpected end of input"); e != JsonToken.END_ARRAY;
                        e = next(p, "unexpected end of input")) {
                    out.add(value(p, e));
                }
                yield out;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(p.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new FormatException(line(p), "unexpected " + t);
        };
    }

    /** The next token, or a {@link FormatException} saying what was missing at the end of input. */
    static JsonToken next(JsonParser p, String atEnd) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new FormatException(line(p), atEnd);
        }
        return t;
    }

    /** The line of the current token. */
    static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    /**
     * jackson's message on one line with the line it names, without its location and without its advice to
     * the programmer (which parser feature would allow the input).
     */
    static FormatException error(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        for (String tail : new String[] {"\n", " (start marker at", ": enable `"}) {
            int cut = message.indexOf(tail);
            if (cut > 0) {
                message = message.substring(0, cut);
            }
        }
        return new FormatException(at == null ? 1 : Math.max(1, at.getLineNr()), message);
    }

    /** Writes a string as a JSON string literal (jackson's escaping). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"').toString();
    }
}
