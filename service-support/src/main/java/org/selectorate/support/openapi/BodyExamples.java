package org.selectorate.support.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the request and response bodies an integrator would see without an example: every leaf of a body's schema
 * (a string, number or list of scalars, reached through properties, items and component references) must carry one,
 * so that a generated client's documentation and a try-it-out page show a realistic body rather than {@code "string"}
 * and {@code 0}. A leaf passes with an example, an enumeration or a boolean type; a body passes whole with an example
 * of its own. Problem details (the filter gives them their example) and binary bodies (PDF) are not checked. It
 * also finds the successes that document no body at all (but 204), which no example can be shown for.
 */
final class BodyExamples {
    private static final Set<String> UNCHECKED = Set.of("application/problem+json", "application/pdf");
    private static final String NO_CONTENT = "204";

    private final Map<String, Schema> components;
    private final Set<String> missing = new TreeSet<>();
    private final Set<String> walked = new HashSet<>();

    private BodyExamples(OpenAPI openAPI) {
        this.components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
    }

    /** Each leaf without an example, as {@code Schema.property} (or the operation, for an inline body). */
    static Set<String> missing(OpenAPI openAPI) {
        BodyExamples check = new BodyExamples(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) ->
                check.operation(method + " " + path, op)));
        return check.missing;
    }

    /**
     * Each success but 204 that documents no body, as {@code METHOD /path code}: what a raw {@code Response} gets
     * unless its {@code @APIResponse} says what it answers, and a generated client would then return nothing.
     */
    static Set<String> withoutContent(OpenAPI openAPI) {
        Set<String> bare = new TreeSet<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && !code.equals(NO_CONTENT) && (response.getContent() == null
                            || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                        bare.add(method + " " + path + " " + code);
                    }
                });
            }
        }));
        return bare;
    }

    private void operation(String where, Operation op) {
        if (op.getRequestBody() != null) {
            content(where + " request", op.getRequestBody().getContent());
        }
        if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
            op.getResponses().getAPIResponses().forEach((code, response) ->
                    content(where + " " + code, response.getContent()));
        }
    }

    private void content(String where, Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            if (!UNCHECKED.contains(type) && !hasExample(media) && media.getSchema() != null) {
                walk(media.getSchema(), where + " " + type);
            }
        });
    }

    private void walk(Schema schema, String where) {
        if (hasExample(schema) || schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            Schema component = components.get(name);
            if (component != null && walked.add(name)) {
                walk(component, name);
            }
            return;
        }
        for (List<Schema> composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getOneOf()),
                nonNull(schema.getAnyOf()))) {
            composed.forEach(part -> walk(part, where));
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (types.contains(Schema.SchemaType.ARRAY)) {
            if (schema.getItems() != null) {
                walk(schema.getItems(), where + "[]");
            }
        } else if (types.contains(Schema.SchemaType.OBJECT) || schema.getProperties() != null) {
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((name, property) -> walk(property, where + "." + name));
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                walk(schema.getAdditionalPropertiesSchema(), where + "{}");
            }
        } else if (!types.isEmpty() && !types.contains(Schema.SchemaType.BOOLEAN)) {
            missing.add(where);
        }
    }

    private static boolean hasExample(Schema schema) {
        return schema.getExample() != null || schema.getExamples() != null && !schema.getExamples().isEmpty();
    }

    private static boolean hasExample(MediaType media) {
        return media.getExample() != null || media.getExamples() != null && !media.getExamples().isEmpty();
    }

    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }
}
