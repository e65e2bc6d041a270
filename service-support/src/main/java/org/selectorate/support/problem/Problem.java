package org.selectorate.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details. {@code errors} lists each bad field or row, so a caller can fix all of
 * them at once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<String> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://selectorate.org/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, List.of());
    }

    public Problem withInstance(URI path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<String> list) {
        return new Problem(type, title, status, detail, instance, List.copyOf(list));
    }
}
