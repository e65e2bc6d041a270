package org.selectorate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The part of kustomize these manifests use, so that the overlays can be rendered with no kustomize binary. A
 * kustomization may have {@code resources} (files, or directories holding a kustomization), {@code namespace}, and
 * {@code patches} given by {@code path}, each document of which patches the resource of the same kind and name. A
 * patch of a built-in kind is a strategic merge patch: objects merge, {@code null} deletes, and the lists
 * {@value #NAME_KEYED} merge element by element on {@code name} (their patch merge key in the Kubernetes API); every
 * other list is replaced whole. A patch of a custom resource is a JSON merge patch (RFC 7386): lists are replaced
 * whole, as kustomize does for kinds it has no schema for. Anything else (another field, a patch target, a
 * {@code $patch} directive) is refused rather than rendered differently from kustomize.
 */
final class Kustomize {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NAME_KEYED = "containers, initContainers, env, volumes";
    private static final Set<String> MERGED_BY_NAME = Set.of("containers", "initContainers", "env", "volumes");
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    /** The documents `kubectl apply -k dir` would apply. */
    static List<ObjectNode> build(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        k.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(dir + ": kustomization field " + f + " is not supported here");
            }
        });
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            out.addAll(Files.isDirectory(p) ? build(p) : read(p));
        }
        for (JsonNode patch : k.path("patches")) {
            patch.fieldNames().forEachRemaining(f -> {
                if (!f.equals("path")) {
                    throw new IllegalArgumentException(dir + ": patch field " + f + " is not supported here");
                }
            });
            for (ObjectNode p : read(dir.resolve(patch.get("path").asText()))) {
                ObjectNode target = out.stream().filter(d -> sameResource(d, p)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch " + id(p) + " matches no resource"));
                merge(target, p, builtIn(p));
            }
        }
        if (k.has("namespace")) {
            for (ObjectNode d : out) {
                if (!CLUSTER_SCOPED.contains(d.path("kind").asText())) {
                    ((ObjectNode) d.get("metadata")).put("namespace", k.get("namespace").asText());
                }
            }
        }
        return out;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add((ObjectNode) doc);
                }
            }
        }
        return docs;
    }

    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    /** Kustomize matches a patch to a resource by group, kind and name. */
    private static boolean sameResource(JsonNode a, JsonNode b) {
        return group(a).equals(group(b)) && a.path("kind").equals(b.path("kind"))
                && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
    }

    static String group(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** The Kubernetes API's own groups: the core group, groups without a dot, and *.k8s.io. */
    static boolean builtIn(JsonNode doc) {
        String group = group(doc);
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    static void merge(ObjectNode target, ObjectNode patch, boolean strategic) {
        Iterator<String> names = patch.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (field.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + field + " is not supported here");
            }
            JsonNode value = patch.get(field);
            JsonNode current = target.get(field);
            if (value.isNull()) {
                target.remove(field);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, strategic);
            } else if (strategic && MERGED_BY_NAME.contains(field) && current != null && current.isArray()) {
                mergeByName((ArrayNode) current, (ArrayNode) value);
            } else {
                target.set(field, value.deepCopy());
            }
        }
    }

    private static void mergeByName(ArrayNode current, ArrayNode patch) {
        for (JsonNode element : patch) {
            ObjectNode match = null;
            for (JsonNode c : current) {
                if (c.path("name").equals(element.path("name"))) {
                    match = (ObjectNode) c;
                }
            }
            if (match == null) {
                current.add(element.deepCopy());
            } else {
                merge(match, (ObjectNode) element, true);
            }
        }
    }
}
