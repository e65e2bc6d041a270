package org.selectorate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No cluster can run here, so the manifests are checked offline: each document must bind to the Kubernetes
 * model with no field the model does not know (a misspelt field is silently ignored by a real API server), and
 * what they say must agree with each other and with the services' own configuration.
 */
class ManifestsTest {
    private static final Path DIR = Path.of(System.getProperty("user.dir"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Set<String> SERVICES = Set.of("membership-service", "ballot-service", "tally-service",
            "notification-service", "gateway");

    private static List<HasMetadata> applied;
    private static List<HasMetadata> secretExample;

    @BeforeAll
    static void read() throws IOException {
        applied = new ArrayList<>();
        for (String file : kustomizationResources()) {
            applied.addAll(Manifests.read(DIR.resolve(file)));
        }
        secretExample = Manifests.read(DIR.resolve("secrets.example.yaml"));
    }

    private static List<String> kustomizationResources() throws IOException {
        List<String> files = new ArrayList<>();
        YAML.readTree(DIR.resolve("kustomization.yaml").toFile()).get("resources").forEach(r -> files.add(r.asText()));
        return files;
    }

    @Test
    void kustomizationAppliesEveryManifestButTheSecretExample() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml") && !n.equals("secrets.example.yaml"))
                    .forEach(onDisk::add);
        }
        assertEquals(onDisk, new TreeSet<>(kustomizationResources()));
    }

    @Test
    void everyFieldIsOneTheKubernetesModelKnows() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : union()) {
            Manifests.unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyServiceHasADeploymentThatIsProbedLimitedAndUnprivileged() {
        assertEquals(SERVICES, new HashSet<>(names(Deployment.class)));
        for (Deployment d : of(Deployment.class)) {
            assertEquals("selectorate", d.getMetadata().getNamespace(), d.getMetadata().getName());
            assertEquals(d.getSpec().getSelector().getMatchLabels().entrySet().stream()
                            .filter(e -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().contains(e)).count(),
                    d.getSpec().getSelector().getMatchLabels().size(), d.getMetadata().getName() + ": selector matches its pods");
            assertTrue(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String where = d.getMetadata().getName();
            assertTrue(c.getImage().endsWith("/" + where + ":0.1.0"), where + " image " + c.getImage());
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), where);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), where);
            assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath(), where);
            assertNotNull(c.getResources().getRequests().get("cpu"), where + " requests cpu");
            assertNotNull(c.getResources().getLimits().get("memory"), where + " limits memory");
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), where);
            assertEquals(Integer.valueOf(httpPort(where)), c.getPorts().get(0).getContainerPort(),
                    where + " listens where its application.properties says");
        }
    }

    @Test
    void theTallyPathScalesOutAndTheRestStaysSingle() {
        Map<String, HorizontalPodAutoscaler> hpas = new java.util.HashMap<>();
        of(HorizontalPodAutoscaler.class).forEach(h -> hpas.put(h.getSpec().getScaleTargetRef().getName(), h));
        assertEquals(Set.of("tally-service", "gateway"), hpas.keySet());
        HorizontalPodAutoscaler tally = hpas.get("tally-service");
        assertTrue(tally.getSpec().getMinReplicas() >= 2, "tally-service survives losing a pod");
        // A replica beyond the casts topic's partitions would own no ballot's record.
        assertTrue(tally.getSpec().getMaxReplicas() <= Topics.CAST_PARTITIONS);
        for (Deployment d : of(Deployment.class)) {
            String name = d.getMetadata().getName();
            if (!hpas.containsKey(name)) {
                assertEquals(1, d.getSpec().getReplicas(), name + " runs once");
            }
        }
        assertEquals("Recreate", deployment("notification-service").getSpec().getStrategy().getType(),
                "two notification-services at once would send mail twice");
    }

    @Test
    void everyServiceSelectsItsDeploymentsPodsOnANamedPort() {
        for (Service s : of(Service.class)) {
            Deployment d = deployment(s.getMetadata().getName());
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(s.getSpec().getSelector().entrySet()), s.getMetadata().getName());
            String port = s.getSpec().getPorts().get(0).getTargetPort().getStrVal();
            assertTrue(d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .anyMatch(p -> p.getName().equals(port)), s.getMetadata().getName() + " target port " + port);
        }
    }

    @Test
    void theGatewayRoutesToServicesThatExist() {
        Map<String, String> routes = new java.util.HashMap<>();
        for (EnvVar e : container("gateway").getEnv()) {
            if (e.getName().startsWith("SELECTORATE_GATEWAY_ROUTES_")) {
                routes.put(e.getName().substring("SELECTORATE_GATEWAY_ROUTES_".length()).toLowerCase(), e.getValue());
            }
        }
        assertEquals(Set.of("membership", "ballots", "tally", "notifications"), routes.keySet());
        for (String url : routes.values()) {
            Matcher m = Pattern.compile("http://([a-z-]+):(\\d+)").matcher(url);
            assertTrue(m.matches(), url);
            Service target = of(Service.class).stream().filter(s -> s.getMetadata().getName().equals(m.group(1)))
                    .findFirst().orElseThrow(() -> new AssertionError("no Service " + m.group(1)));
            assertEquals(Integer.parseInt(m.group(2)), target.getSpec().getPorts().get(0).getPort(), url);
        }
    }

    @Test
    void secretsComeOnlyFromTheServicesOwnSecretWithKeysTheExampleListsAndReachTheirPlaceholders() throws IOException {
        Map<String, Set<String>> examples = secretExamples();
        assertEquals(SERVICES.stream().map(s -> s + "-secrets").collect(java.util.stream.Collectors.toSet()),
                examples.keySet(), "one Secret per service");
        for (Deployment d : of(Deployment.class)) {
            String service = d.getMetadata().getName();
            Set<String> placeholders = placeholders(service);
            for (EnvVar e : container(service).getEnv()) {
                if (e.getValueFrom() == null) {
                    continue;
                }
                var ref = e.getValueFrom().getSecretKeyRef();
                assertEquals(service + "-secrets", ref.getName(), service + " " + e.getName());
                assertTrue(examples.get(ref.getName()).contains(ref.getKey()),
                        service + " reads key " + ref.getKey() + " the example lacks");
                // Either a Quarkus property by its environment name, or a placeholder the service declares.
                assertTrue(e.getName().startsWith("QUARKUS_") || placeholders.contains(e.getName()),
                        service + ": nothing reads " + e.getName());
            }
        }
    }

    @Test
    void eachServiceWithADatabaseConnectsAsItsOwnRoleAndReadsItsKeyFilesFromItsOwnSecret() {
        Map<String, Set<String>> examples = secretExamples();
        Map<String, Set<String>> expected = Map.of(
                "membership-service", Set.of("vault.key"),
                "ballot-service", Set.of("vault.key", "mail-code.pub"),
                "tally-service", Set.of("vault.key"),
                "notification-service", Set.of("vault.key", "mail-code.key"));
        for (Deployment d : of(Deployment.class)) {
            String service = d.getMetadata().getName();
            var pod = d.getSpec().getTemplate().getSpec();
            Map<String, String> files = new java.util.HashMap<>();
            for (var volume : pod.getVolumes()) {
                if (volume.getSecret() == null) {
                    continue;
                }
                assertEquals(service + "-secrets", volume.getSecret().getSecretName(), service);
                assertEquals(0440, volume.getSecret().getDefaultMode(), service + ": key files readable by owner and group");
                String mount = container(service).getVolumeMounts().stream()
                        .filter(m -> m.getName().equals(volume.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(service + " mounts no " + volume.getName())).getMountPath();
                volume.getSecret().getItems().forEach(i -> files.put(i.getKey(), mount + "/" + i.getPath()));
            }
            assertEquals(expected.getOrDefault(service, Set.of()), files.keySet(), service + " key files");
            if (!expected.containsKey(service)) {
                continue;
            }
            assertTrue(examples.get(service + "-secrets").containsAll(files.keySet()), service);
            assertEquals(185L, pod.getSecurityContext().getFsGroup(), service + ": the service's user reads its key files");
            Map<String, String> env = new java.util.HashMap<>();
            container(service).getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
            assertEquals(files.get("vault.key"), env.get("SELECTORATE_KEYS_FILE"), service);
            assertEquals(files.get("mail-code.pub"), env.get("SELECTORATE_MAIL_CODE_PUBLIC_KEY_FILE"), service);
            assertEquals(files.get("mail-code.key"), env.get("SELECTORATE_MAIL_CODE_PRIVATE_KEY_FILE"), service);
            String database = container(service).getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_URL"))
                    .findFirst().orElseThrow().getValue().replaceAll(".*/", "");
            assertEquals(database, env.get("QUARKUS_DATASOURCE_USERNAME"), service + " connects as its database's role");
        }
    }

    @Test
    void noSecretHasADefaultOutsideTheDevAndTestProfiles() throws IOException {
        List<String> defaults = new ArrayList<>();
        for (String service : SERVICES) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(properties(service))) {
                p.load(in);
            }
            for (String name : p.stringPropertyNames()) {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!name.startsWith("%") && (lower.contains("secret") || lower.contains("password"))
                        && !p.getProperty(name).matches("\\$\\{[A-Z0-9_]+}")) {
                    defaults.add(service + ": " + name + "=" + p.getProperty(name));
                }
            }
        }
        assertEquals(List.of(), defaults);
    }

    private static Map<String, Set<String>> secretExamples() {
        Map<String, Set<String>> keys = new java.util.HashMap<>();
        secretExample.forEach(s -> keys.put(s.getMetadata().getName(),
                ((io.fabric8.kubernetes.api.model.Secret) s).getStringData().keySet()));
        return keys;
    }

    @Test
    void aMisspeltFieldIsCaught() throws IOException {
        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: x
                spec:
                  selectr:
                    app: x
                """);
        List<String> unknown = new ArrayList<>();
        Manifests.unknownFields(Manifests.read(bad).get(0), "Service/x", unknown);
        assertEquals(List.of("Service/x.spec: selectr"), unknown);
    }

    private static Set<String> placeholders(String service) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(properties(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int httpPort(String service) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(properties(service))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Integer.parseInt(p.getProperty("quarkus.http.port"));
    }

    private static Path properties(String service) {
        return DIR.resolveSibling(service).resolve("src/main/resources/application.properties");
    }

    private static List<HasMetadata> union() {
        List<HasMetadata> all = new ArrayList<>(applied);
        all.addAll(secretExample);
        return all;
    }

    private static <T extends HasMetadata> List<T> of(Class<T> type) {
        return applied.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> names(Class<? extends HasMetadata> type) {
        return of(type).stream().map(r -> r.getMetadata().getName()).toList();
    }

    private static Deployment deployment(String name) {
        return of(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Container container(String name) {
        return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** Reads manifests into the typed model. */
    static final class Manifests {
        private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

        private Manifests() {
        }

        static List<HasMetadata> read(Path file) throws IOException {
            List<HasMetadata> resources = new ArrayList<>();
            for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                JsonNode tree = YAML.readTree(doc);
                if (tree == null || tree.isEmpty()) {
                    continue;
                }
                Object bound = SERIALIZATION.unmarshal(doc);
                if (!(bound instanceof HasMetadata resource) || bound.getClass().getSimpleName().startsWith("Generic")) {
                    throw new AssertionError(file.getFileName() + ": not a known Kubernetes kind: "
                            + tree.path("apiVersion").asText() + " " + tree.path("kind").asText());
                }
                resources.add(resource);
            }
            return resources;
        }

        /** Adds "path: field" for every field bound to no property of the model (kept aside as additional properties). */
        static void unknownFields(Object node, String path, List<String> out) {
            if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                    || node.getClass().isEnum()) {
                return;
            }
            if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    unknownFields(list.get(i), path + "[" + i + "]", out);
                }
                return;
            }
            if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
                return;
            }
            if (!node.getClass().getPackageName().startsWith("io.fabric8")) {
                return;
            }
            for (var method : node.getClass().getMethods()) {
                if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
                        || method.getDeclaringClass() == Object.class) {
                    continue;
                }
                Object value;
                try {
                    value = method.invoke(node);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (method.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + ": " + k));
                } else {
                    String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                    unknownFields(value, path + "." + field, out);
                }
            }
        }
    }
}
