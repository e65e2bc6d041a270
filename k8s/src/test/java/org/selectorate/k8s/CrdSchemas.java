package org.selectorate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operators' custom resource definitions as published (src/test/resources/crds, README.md there), each served
 * version's openAPIV3Schema checked as an API server checks a structural schema: a field the schema does not declare
 * is refused (the API server would prune it silently) unless the schema preserves unknown fields there.
 */
final class CrdSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<String, JsonSchema> byResource = new HashMap<>();

    CrdSchemas(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                for (ObjectNode crd : Kustomize.read(file)) {
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        if (version.path("served").asBoolean()) {
                            ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                            // The API server takes these at the top of every resource, whether its CRD declares them or not.
                            ObjectNode top = (ObjectNode) schema.get("properties");
                            top.putIfAbsent("apiVersion", schema.objectNode().put("type", "string"));
                            top.putIfAbsent("kind", schema.objectNode().put("type", "string"));
                            top.putIfAbsent("metadata", schema.objectNode().put("type", "object"));
                            closeObjects(schema);
                            byResource.put(group + "/" + version.path("name").asText() + " " + kind, FACTORY.getSchema(schema));
                        }
                    }
                }
            }
        }
    }

    boolean knows(JsonNode doc) {
        return byResource.containsKey(doc.path("apiVersion").asText() + " " + doc.path("kind").asText());
    }

    /** What the API server would refuse or prune in doc, one line each; empty when it binds. */
    List<String> violations(JsonNode doc) {
        JsonSchema schema = byResource.get(doc.path("apiVersion").asText() + " " + doc.path("kind").asText());
        if (schema == null) {
            return List.of(Kustomize.id(doc) + ": no served CRD version for " + doc.path("apiVersion").asText());
        }
        return schema.validate(doc).stream().map(ValidationMessage::getMessage).map(m -> Kustomize.id(doc) + " " + m)
                .sorted().toList();
    }

    /** A declared object takes no undeclared field unless x-kubernetes-preserve-unknown-fields says so. */
    private static void closeObjects(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode s = (ObjectNode) schema;
            if (s.has("properties") && !s.has("additionalProperties")
                    && !s.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                s.put("additionalProperties", false);
            }
            Iterator<JsonNode> children = s.elements();
            while (children.hasNext()) {
                closeObjects(children.next());
            }
        } else if (schema.isArray()) {
            schema.forEach(CrdSchemas::closeObjects);
        }
    }
}
