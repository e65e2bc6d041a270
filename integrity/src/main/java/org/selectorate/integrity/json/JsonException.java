package org.selectorate.integrity.json;

/** Input that is not JSON, or a value that has no canonical form (NaN, a lone surrogate, ...). */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
