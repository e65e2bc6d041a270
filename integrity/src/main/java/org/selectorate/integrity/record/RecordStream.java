package org.selectorate.integrity.record;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.json.JsonException;
import org.selectorate.integrity.json.JsonPath;

/**
 * Reads an exported record from a stream without holding its entries, as strictly as {@link RecordCodec#read}:
 * {@link #withoutEntries} reads everything else (the entries are skipped, though still read as strict JSON), and
 * {@link #entries} hands each entry over in order as it is read, so a record of a million entries needs a few
 * megabytes, not gigabytes. A canonical record's members are in name order, so its entries come before the keys
 * and tree heads a reader needs to check them: a verifier reads a file twice, once with each method.
 */
public final class RecordStream {
    private RecordStream() {
    }

    /**
     * The record with an empty entry list: header, tree heads, marked register, result, paper account and
     * certification.
     *
     * @throws MalformedRecordException if it is not JSON or not a record
     * @throws IOException              if the stream cannot be read
     */
    public static RecordDocument withoutEntries(InputStream in) throws IOException {
        try (JsonParser p = Json.parser(in)) {
            start(p);
            Map<String, Object> root = new LinkedHashMap<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (p.nextToken() == JsonToken.START_ARRAY && "entries".equals(name)) {
                    p.skipChildren();
                    root.put(name, List.of());
                } else {
                    root.put(name, Json.read(p));
                }
            }
            Json.end(p);
            return RecordCodec.document(JsonPath.root(Collections.unmodifiableMap(root)));
        } catch (JacksonException | JsonException e) {
            throw notJson(e);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
    }

    /**
     * Reads the record's entries in order, handing each to {@code each} as soon as it is read, and returns how many
     * there were. The rest of the document is skipped but must still be strict JSON.
     *
     * @throws MalformedRecordException if it is not JSON, or an entry is not one (naming it by its path)
     * @throws IOException              if the stream cannot be read
     */
    public static long entries(InputStream in, Consumer<RecordEntry> each) throws IOException {
        long count = 0;
        try (JsonParser p = Json.parser(in)) {
            start(p);
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if (!"entries".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new MalformedRecordException("$.entries: expected an array");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    RecordEntry entry;
                    try {
                        entry = RecordCodec.entry(JsonPath.at(Json.read(p), "$.entries[" + count + "]"));
                    } catch (IllegalArgumentException e) {
                        throw new MalformedRecordException(e.getMessage());
                    }
                    each.accept(entry);
                    count++;
                }
            }
            Json.end(p);
        } catch (JacksonException | JsonException e) {
            throw notJson(e);
        }
        return count;
    }

    private static void start(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedRecordException("$: expected an object");
        }
    }

    private static MalformedRecordException notJson(Exception e) {
        return new MalformedRecordException("not JSON: " + (e instanceof JacksonException j
                ? Json.notJson(j).getMessage() : e.getMessage()));
    }
}
