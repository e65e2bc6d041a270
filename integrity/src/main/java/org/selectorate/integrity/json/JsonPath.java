package org.selectorate.integrity.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A value of a tree from {@link Json#parse} (or {@link Json#read}) with its JSON path ({@code $.entries[3].scope}), so that a reader of a
 * published document can say exactly where it is malformed. Every complaint is an {@link IllegalArgumentException}
 * whose message starts with the path; a codec turns it into its own exception.
 */
public final class JsonPath {
    private final Object value;
    /** The path is spelt out only for a complaint: from the parent's, and this value's member name or index. */
    private final JsonPath parent;
    private final String name;
    private final int index;

    private JsonPath(Object value, JsonPath parent, String name, int index) {
        this.value = value;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The document's root, {@code $}. */
    public static JsonPath root(Object parsed) {
        return new JsonPath(parsed, null, "$", -1);
    }

    /** A value read on its own from within a larger document (an entry of a streamed record), at its path there. */
    public static JsonPath at(Object parsed, String path) {
        return new JsonPath(parsed, null, path, -1);
    }

    /** The value as parsed: a Map, List, String, Long, Double, Boolean or null. */
    public Object value() {
        return value;
    }

    public String path() {
        if (parent == null) {
            return name;
        }
        return name != null ? parent.path() + "." + name : parent.path() + "[" + index + "]";
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(path() + ": expected an object");
        }
        return (Map<String, Object>) value;
    }

    public boolean has(String name) {
        return object().containsKey(name);
    }

    public JsonPath get(String name) {
        Map<String, Object> m = object();
        if (!m.containsKey(name)) {
            throw new IllegalArgumentException(path() + ": missing \"" + name + "\"");
        }
        return new JsonPath(m.get(name), this, name, -1);
    }

    /** Refuses any member not named: a document with more than its format says is not that document. */
    public void only(String... names) {
        List<String> allowed = List.of(names);
        for (String k : object().keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(path() + ": unknown member \"" + k + "\"");
            }
        }
    }

    public List<JsonPath> items() {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(path() + ": expected an array");
        }
        List<?> list = (List<?>) value;
        List<JsonPath> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new JsonPath(list.get(i), this, null, i));
        }
        return out;
    }

    public List<String> strings() {
        List<String> out = new ArrayList<>();
        for (JsonPath n : items()) {
            out.add(n.string());
        }
        return out;
    }

    public String string() {
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(path() + ": expected a string");
        }
        return (String) value;
    }

    public String optionalString() {
        return isNull() ? null : string();
    }

    public long integer() {
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException(path() + ": expected an integer");
        }
        return (Long) value;
    }

    public boolean bool() {
        if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException(path() + ": expected true or false");
        }
        return (Boolean) value;
    }

    public boolean isNull() {
        return value == null;
    }

    /** Builds a value, prefixing any complaint with this node's path. */
    public <T> T as(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path() + ": " + e.getMessage(), e);
        }
    }
}
