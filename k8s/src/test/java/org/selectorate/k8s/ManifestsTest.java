package org.selectorate.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.selectorate.contracts.Topics;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No cluster can run here, so the manifests are checked offline. Each overlay is rendered as kustomize would
 * ({@link Kustomize}); every document must bind with no field its schema does not know (an API server drops a
 * misspelt one silently): built-in kinds to fabric8's Kubernetes model, the operators' custom resources to their
 * published CRDs ({@link CrdSchemas}). And what they say must agree with each other, with contracts' topics, and with
 * the services' own configuration.
 */
class ManifestsTest {
    private static final Path DIR = Path.of(System.getProperty("user.dir"));
    private static final Path ROOT = DIR.getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTopics\\.([A-Z_]+)\\b");
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final Set<String> SERVICES = Set.of("membership-service", "ballot-service", "tally-service",
            "notification-service", "gateway");
    /** The services with a database (named after it) and a Kafka user. */
    private static final Map<String, String> DATABASES = Map.of("membership-service", "membership",
            "ballot-service", "ballot", "tally-service", "tally", "notification-service", "notification");

    private static CrdSchemas crds;
    private static final Map<String, Rendered> RENDERED = new HashMap<>();
    private static List<HasMetadata> secretExample;

    @BeforeAll
    static void render() throws IOException {
        crds = new CrdSchemas(DIR.resolve("src/test/resources/crds"));
        for (String overlay : OVERLAYS) {
            RENDERED.put(overlay, new Rendered(Kustomize.build(DIR.resolve("overlays").resolve(overlay))));
        }
        secretExample = new ArrayList<>();
        for (ObjectNode doc : Kustomize.read(DIR.resolve("secrets.example.yaml"))) {
            secretExample.add(bind(doc));
        }
    }

    /** A rendered overlay: its documents as trees, and the built-in ones bound to the Kubernetes model. */
    record Rendered(List<ObjectNode> docs, List<HasMetadata> typed) {
        Rendered(List<ObjectNode> docs) {
            this(docs, docs.stream().filter(Kustomize::builtIn).map(ManifestsTest::bind).toList());
        }

        <T extends HasMetadata> List<T> of(Class<T> type) {
            return typed.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<JsonNode> kind(String kind) {
            return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).map(JsonNode.class::cast).toList();
        }

        JsonNode one(String kind, String name) {
            return kind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
        }

        Deployment deployment(String name) {
            return of(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment " + name));
        }

        Container container(String name) {
            return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0);
        }

        Map<String, String> env(String service) {
            Map<String, String> env = new HashMap<>();
            container(service).getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
            return env;
        }

        Map<String, String> platform() {
            Map<String, String> data = new HashMap<>();
            one("ConfigMap", "selectorate-platform").path("data").fields()
                    .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            return data;
        }
    }

    static HasMetadata bind(JsonNode doc) {
        Object bound = SERIALIZATION.unmarshal(doc.toString());
        if (!(bound instanceof HasMetadata resource) || bound.getClass().getSimpleName().startsWith("Generic")) {
            throw new AssertionError("not a known Kubernetes kind: " + doc.path("apiVersion").asText() + " "
                    + doc.path("kind").asText());
        }
        return resource;
    }

    // --- every document binds -------------------------------------------------------------------------------------

    @Test
    void everyManifestIsRenderedByAKustomization() throws IOException {
        assertEquals(yamlFiles(DIR.resolve("base"), "kustomization.yaml"), referenced(DIR.resolve("base"), "resources"));
        for (String overlay : OVERLAYS) {
            Path dir = DIR.resolve("overlays").resolve(overlay);
            Set<String> used = referenced(dir, "resources");
            used.addAll(referenced(dir, "patches"));
            used.remove("../../base");
            assertEquals(yamlFiles(dir, "kustomization.yaml"), used, overlay);
        }
        assertEquals(Set.of("secrets.example.yaml"), yamlFiles(DIR, ""), "k8s/ holds the example Secret alone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyFieldIsOneItsSchemaKnows(String overlay) {
        List<String> unknown = new ArrayList<>();
        Rendered r = RENDERED.get(overlay);
        for (HasMetadata resource : r.typed()) {
            unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
        }
        for (HasMetadata resource : secretExample) {
            unknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
        }
        for (ObjectNode doc : r.docs()) {
            if (!Kustomize.builtIn(doc)) {
                unknown.addAll(crds.violations(doc));
            }
        }
        assertEquals(List.of(), unknown);
        assertTrue(r.docs().stream().allMatch(d -> d.path("kind").asText().equals("Namespace")
                || d.path("metadata").path("namespace").asText().equals("selectorate")), "all in namespace selectorate");
    }

    @Test
    void aMisspeltFieldIsCaughtInABuiltInKindAndInACustomResource() throws IOException {
        List<String> unknown = new ArrayList<>();
        unknownFields(bind(Kustomize.YAML.readTree("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: x
                spec:
                  selectr:
                    app: x
                """)), "Service/x", unknown);
        assertEquals(List.of("Service/x.spec: selectr"), unknown);
        List<String> violations = crds.violations(Kustomize.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: x
                spec:
                  partitions: 3
                  retention: 1d
                """));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("retention"), violations.toString());
    }

    @Test
    void aPatchMergesContainersByNameAndReplacesACustomResourcesLists() throws IOException {
        ObjectNode deployment = (ObjectNode) Kustomize.YAML.readTree("""
                spec: {containers: [{name: a, image: x, ports: [{containerPort: 1}]}, {name: b, image: y}]}
                """);
        Kustomize.merge(deployment, (ObjectNode) Kustomize.YAML.readTree("""
                spec: {containers: [{name: b, image: z}]}
                """), true);
        assertEquals(Kustomize.YAML.readTree("""
                spec: {containers: [{name: a, image: x, ports: [{containerPort: 1}]}, {name: b, image: z}]}
                """), deployment);
        ObjectNode custom = (ObjectNode) Kustomize.YAML.readTree("spec: {roles: [a, b], replicas: 3, keep: 1}");
        Kustomize.merge(custom, (ObjectNode) Kustomize.YAML.readTree("spec: {roles: [c], replicas: null}"), false);
        assertEquals(Kustomize.YAML.readTree("spec: {roles: [c], keep: 1}"), custom);
    }

    // --- the services ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceHasADeploymentThatIsProbedLimitedAndUnprivileged(String overlay) {
        Rendered r = RENDERED.get(overlay);
        assertEquals(SERVICES, new HashSet<>(r.of(Deployment.class).stream().map(d -> d.getMetadata().getName()).toList()));
        for (Deployment d : r.of(Deployment.class)) {
            String where = d.getMetadata().getName();
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(d.getSpec().getSelector().getMatchLabels().entrySet()), where + ": selector matches its pods");
            assertTrue(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
            Container c = r.container(where);
            assertTrue(c.getImage().endsWith("/" + where + ":0.1.0"), where + " image " + c.getImage());
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), where);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), where);
            assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath(), where);
            assertNotNull(c.getResources().getRequests().get("cpu"), where + " requests cpu");
            assertNotNull(c.getResources().getLimits().get("memory"), where + " limits memory");
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), where);
            assertEquals(Integer.valueOf(properties(where).getProperty("quarkus.http.port")),
                    c.getPorts().get(0).getContainerPort(), where + " listens where its application.properties says");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceSelectsItsDeploymentsPodsOnANamedPort(String overlay) {
        Rendered r = RENDERED.get(overlay);
        for (Service s : r.of(Service.class)) {
            Deployment d = r.deployment(s.getMetadata().getName());
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(s.getSpec().getSelector().entrySet()), s.getMetadata().getName());
            String port = s.getSpec().getPorts().get(0).getTargetPort().getStrVal();
            assertTrue(r.container(s.getMetadata().getName()).getPorts().stream().anyMatch(p -> p.getName().equals(port)),
                    s.getMetadata().getName() + " target port " + port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theGatewayRoutesToServicesThatExist(String overlay) {
        Rendered r = RENDERED.get(overlay);
        Map<String, String> routes = new HashMap<>();
        r.env("gateway").forEach((name, value) -> {
            if (name.startsWith("SELECTORATE_GATEWAY_ROUTES_")) {
                routes.put(name.substring("SELECTORATE_GATEWAY_ROUTES_".length()).toLowerCase(), value);
            }
        });
        assertEquals(Set.of("membership", "ballots", "tally", "notifications"), routes.keySet());
        for (String url : routes.values()) {
            Matcher m = Pattern.compile("http://([a-z-]+):(\\d+)").matcher(url);
            assertTrue(m.matches(), url);
            Service target = r.of(Service.class).stream().filter(s -> s.getMetadata().getName().equals(m.group(1)))
                    .findFirst().orElseThrow(() -> new AssertionError("no Service " + m.group(1)));
            assertEquals(Integer.parseInt(m.group(2)), target.getSpec().getPorts().get(0).getPort(), url);
        }
    }

    // --- the tally path scales ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void kedaScalesTallyServiceOnTheCastsGroupsLagAndCpuAndTheRestStaysSingle(String overlay) {
        Rendered r = RENDERED.get(overlay);
        JsonNode scaled = r.one("ScaledObject", "tally-service");
        assertEquals("tally-service", scaled.at("/spec/scaleTargetRef/name").asText());
        int min = scaled.at("/spec/minReplicaCount").asInt();
        int max = scaled.at("/spec/maxReplicaCount").asInt();
        assertTrue(min >= (overlay.equals("production") ? 2 : 1) && min <= max, overlay + ": " + min + ".." + max);
        // A replica beyond the casts topic's partitions would own no ballot's record.
        assertTrue(max <= Topics.CAST_PARTITIONS, "max " + max);
        Properties tally = properties("tally-service");
        JsonNode lag = trigger(scaled, "kafka");
        assertEquals(tally.getProperty("mp.messaging.incoming.casts.topic"), lag.at("/metadata/topic").asText());
        assertEquals(tally.getProperty("mp.messaging.incoming.casts.group.id"), lag.at("/metadata/consumerGroup").asText());
        assertEquals(tally.getProperty("mp.messaging.incoming.casts.auto.offset.reset"),
                lag.at("/metadata/offsetResetPolicy").asText());
        assertEquals("false", lag.at("/metadata/allowIdleConsumers").asText(), "no more consumers than partitions");
        assertEquals(r.platform().get("KAFKA_BOOTSTRAP_SERVERS"), lag.at("/metadata/bootstrapServers").asText());
        assertTrue(lag.at("/metadata/lagThreshold").asInt() > 0);
        assertEquals("Utilization", trigger(scaled, "cpu").path("metricType").asText());
        // KEDA authenticates as the keda KafkaUser, whose password it shares.
        JsonNode auth = r.one("TriggerAuthentication", lag.at("/authenticationRef/name").asText());
        JsonNode keda = r.one("KafkaUser", "keda");
        String passwordSecret = keda.at("/spec/authentication/password/valueFrom/secretKeyRef/name").asText();
        for (JsonNode ref : auth.at("/spec/secretTargetRef")) {
            assertEquals(passwordSecret, ref.path("name").asText());
        }
        assertEquals(Set.of("username", "password"), names(auth.at("/spec/secretTargetRef"), "parameter"));
        assertEquals("scram_sha512", lag.at("/metadata/sasl").asText());
        assertEquals(Set.of(acl("topic", lag.at("/metadata/topic").asText(), "Describe"),
                acl("group", lag.at("/metadata/consumerGroup").asText(), "Describe")), acls(keda));

        Map<String, HorizontalPodAutoscaler> hpas = new HashMap<>();
        r.of(HorizontalPodAutoscaler.class).forEach(h -> hpas.put(h.getSpec().getScaleTargetRef().getName(), h));
        assertEquals(Set.of("gateway"), hpas.keySet(), "tally-service's autoscaler is KEDA's");
        // Every service is safe with several instances (docs/replicas.md); these two are the ones a national
        // opening and its voting lean on, so they run two at least and roll one pod at a time.
        for (String name : List.of("ballot-service", "notification-service")) {
            Deployment d = r.deployment(name);
            assertTrue(d.getSpec().getReplicas() >= 2, name + " runs at least twice");
            assertEquals("RollingUpdate", d.getSpec().getStrategy().getType(), name);
        }
        assertEquals(1, r.deployment("membership-service").getSpec().getReplicas(), "membership-service runs once");
    }

    private static JsonNode trigger(JsonNode scaled, String type) {
        for (JsonNode t : scaled.at("/spec/triggers")) {
            if (t.path("type").asText().equals(type)) {
                return t;
            }
        }
        throw new AssertionError("no " + type + " trigger");
    }

    // --- Kafka ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicIsMadeUpFrontWithItsPartitionsAndThePerElectorTopicsKeepADay(String overlay) {
        Rendered r = RENDERED.get(overlay);
        String cluster = r.kind("Kafka").get(0).at("/metadata/name").asText();
        Map<String, Integer> made = new TreeMap<>();
        for (JsonNode t : r.kind("KafkaTopic")) {
            assertEquals(cluster, t.at("/metadata/labels/strimzi.io~1cluster").asText(), Kustomize.id(t));
            made.put(t.at("/spec/topicName").asText(), t.at("/spec/partitions").asInt());
            boolean perElector = Set.of(Topics.CREDENTIALS, Topics.CASTS).contains(t.at("/spec/topicName").asText());
            assertEquals(perElector ? "86400000" : "", t.at("/spec/config/retention.ms").asText(), Kustomize.id(t));
            assertEquals(perElector ? "3600000" : "", t.at("/spec/config/segment.ms").asText(), Kustomize.id(t));
        }
        assertEquals(Topics.ALL.stream().collect(Collectors.toMap(Topics.Spec::name, Topics.Spec::partitions, (a, b) -> a,
                TreeMap::new)), made);
        JsonNode kafka = r.kind("Kafka").get(0).path("spec").path("kafka");
        assertEquals("false", kafka.at("/config/auto.create.topics.enable").asText(), "a misspelt topic fails loudly");
        int nodes = 0;
        for (JsonNode pool : r.kind("KafkaNodePool")) {
            assertEquals(cluster, pool.at("/metadata/labels/strimzi.io~1cluster").asText());
            nodes += pool.at("/spec/replicas").asInt();
        }
        int replication = kafka.at("/config/default.replication.factor").asInt();
        assertTrue(replication <= nodes && kafka.at("/config/offsets.topic.replication.factor").asInt() <= nodes,
                overlay + ": replication factor within the nodes");
        assertTrue(kafka.at("/config/min.insync.replicas").asInt() < replication || replication == 1,
                overlay + ": losing one broker stops no write");
        if (overlay.equals("production")) {
            assertEquals(3, nodes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceIsAKafkaUserAllowedExactlyTheTopicsAndGroupsItsConfigurationUses(String overlay) throws IOException {
        Rendered r = RENDERED.get(overlay);
        JsonNode listener = r.kind("Kafka").get(0).at("/spec/kafka/listeners/0");
        assertEquals("simple", r.kind("Kafka").get(0).at("/spec/kafka/authorization/type").asText());
        assertEquals(r.kind("Kafka").get(0).at("/metadata/name").asText() + "-kafka-bootstrap:" + listener.path("port").asInt(),
                r.platform().get("KAFKA_BOOTSTRAP_SERVERS"));
        for (String service : DATABASES.keySet()) {
            JsonNode user = r.one("KafkaUser", service);
            assertEquals(listener.at("/authentication/type").asText(), user.at("/spec/authentication/type").asText());
            assertEquals(expectedAcls(service), acls(user), service);
            // The service logs in with the credentials the User Operator put in the Secret named after its user.
            Map<String, String> env = r.env(service);
            assertEquals(listener.path("tls").asBoolean() ? "SASL_SSL" : "SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"));
            assertEquals(listener.at("/authentication/type").asText().toUpperCase(), env.get("KAFKA_SASL_MECHANISM"));
            var jaas = r.container(service).getEnv().stream().filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals(service, jaas.getName());
            assertEquals("sasl.jaas.config", jaas.getKey());
        }
        Set<String> users = new TreeSet<>(r.kind("KafkaUser").stream().map(u -> u.at("/metadata/name").asText()).toList());
        Set<String> expected = new TreeSet<>(DATABASES.keySet());
        expected.add("keda");
        assertEquals(expected, users, "the gateway has no Kafka user");
    }

    /** What the service produces (topics its code names, its outgoing channels) and consumes (its incoming channels). */
    private static Set<String> expectedAcls(String service) throws IOException {
        Map<String, String> topicsByConstant = new HashMap<>();
        for (var field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topicsByConstant.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Set<String> produced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TOPIC_CONSTANT.matcher(Files.readString(f));
                while (m.find()) {
                    if (topicsByConstant.containsKey(m.group(1))) {
                        produced.add(topicsByConstant.get(m.group(1)));
                    }
                }
            }
        }
        Properties p = properties(service);
        Set<String> consumed = new TreeSet<>();
        Set<String> acls = new TreeSet<>();
        for (String name : p.stringPropertyNames()) {
            Matcher m = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([a-z-]+)\\.topic").matcher(name);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("outgoing")) {
                produced.add(p.getProperty(name));
            } else {
                consumed.add(p.getProperty(name));
                String group = p.getProperty("mp.messaging.incoming." + m.group(2) + ".group.id");
                assertNotNull(group, service + " channel " + m.group(2) + " names its consumer group");
                acls.add(acl("group", group, "Read"));
            }
        }
        for (String topic : produced) {
            acls.add(acl("topic", topic, "Write"));
            acls.add(acl("topic", topic, "Describe"));
        }
        for (String topic : consumed) {
            acls.add(acl("topic", topic, "Read"));
            acls.add(acl("topic", topic, "Describe"));
        }
        return acls;
    }

    private static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode rule : user.at("/spec/authorization/acls")) {
            assertEquals("literal", rule.at("/resource/patternType").asText(), Kustomize.id(user) + ": no prefixes");
            assertFalse(rule.has("type") && !rule.path("type").asText().equals("allow"));
            for (JsonNode op : rule.path("operations")) {
                acls.add(acl(rule.at("/resource/type").asText(), rule.at("/resource/name").asText(), op.asText()));
            }
        }
        return acls;
    }

    private static String acl(String type, String name, String operation) {
        return type + " " + name + " " + operation;
    }

    // --- PostgreSQL -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceConnectsAsItsDatabasesOwnerToItsOwnCluster(String overlay) {
        Rendered r = RENDERED.get(overlay);
        for (var entry : DATABASES.entrySet()) {
            String service = entry.getKey();
            String database = entry.getValue();
            Properties own = properties(service);
            assertEquals(database, own.getProperty("quarkus.datasource.username"), service);
            assertTrue(own.getProperty("quarkus.datasource.jdbc.url").endsWith("/" + database), service);
            JsonNode cluster = r.one("Cluster", database + "-db");
            assertEquals(database, cluster.at("/spec/bootstrap/initdb/database").asText());
            assertEquals(database, cluster.at("/spec/bootstrap/initdb/owner").asText());
            Map<String, String> env = r.env(service);
            String rw = database + "-db-rw:5432/" + database;
            assertEquals("postgresql://" + rw, env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), service);
            assertEquals("jdbc:postgresql://" + rw, env.get("QUARKUS_DATASOURCE_JDBC_URL"), service);
            assertEquals(database, env.get("QUARKUS_DATASOURCE_USERNAME"), service);
            var password = r.container(service).getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD"))
                    .findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals(database + "-db-app", password.getName(), service + ": the password the operator generated");
            assertEquals("password", password.getKey());
        }
        JsonNode keycloak = r.kind("Keycloak").get(0);
        JsonNode db = r.one("Cluster", keycloak.at("/spec/db/host").asText().replaceAll("-rw$", ""));
        assertEquals(db.at("/spec/bootstrap/initdb/database").asText(), keycloak.at("/spec/db/database").asText());
        assertEquals(db.at("/metadata/name").asText() + "-app", keycloak.at("/spec/db/passwordSecret/name").asText());
        assertEquals(Set.of("membership-db", "ballot-db", "tally-db", "notification-db", "keycloak-db"),
                names(r.kind("Cluster")));
    }

    @Test
    void productionReplicatesAndBacksUpEveryDatabaseAndDevKeepsItSmall() {
        Rendered production = RENDERED.get("production");
        Set<String> scheduled = new TreeSet<>();
        for (JsonNode b : production.kind("ScheduledBackup")) {
            assertEquals("barmanObjectStore", b.at("/spec/method").asText());
            scheduled.add(b.at("/spec/cluster/name").asText());
        }
        assertEquals(names(production.kind("Cluster")), scheduled, "a nightly base backup of every cluster");
        for (JsonNode c : production.kind("Cluster")) {
            String name = c.at("/metadata/name").asText();
            assertEquals(3, c.at("/spec/instances").asInt(), name);
            JsonNode store = c.at("/spec/backup/barmanObjectStore");
            assertTrue(store.path("destinationPath").asText().endsWith("/" + name), name + ": its own place in the store");
            assertFalse(store.at("/wal/compression").isMissingNode(), name + ": WAL archived, for point-in-time recovery");
            String retention = c.at("/spec/backup/retentionPolicy").asText();
            // WAL carries each commit's time: the register and the casts keep theirs a day, as their topics do.
            if (name.equals("ballot-db") || name.equals("tally-db")) {
                assertEquals("1d", retention, name);
            } else {
                assertTrue(retention.matches("[1-9][0-9]*[dwm]"), name + " " + retention);
            }
        }
        Rendered dev = RENDERED.get("dev");
        assertEquals(List.of(), dev.kind("ScheduledBackup"));
        dev.kind("Cluster").forEach(c -> assertTrue(c.at("/spec/backup").isMissingNode(), Kustomize.id(c)));
    }

    // --- Keycloak -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void keycloakImportsTheLaunchersRealmLessItsDemoUsers(String overlay) throws IOException {
        Rendered r = RENDERED.get(overlay);
        JsonNode keycloak = r.kind("Keycloak").get(0);
        JsonNode realmImport = r.kind("KeycloakRealmImport").get(0);
        assertEquals(keycloak.at("/metadata/name").asText(), realmImport.at("/spec/keycloakCRName").asText());

        ObjectNode launchers = (ObjectNode) JSON.readTree(ROOT.resolve("devstack/src/main/resources/keycloak/selectorate-realm.json").toFile());
        var users = launchers.withArray("users");
        for (int i = users.size() - 1; i >= 0; i--) {
            if (!users.get(i).has("serviceAccountClientId")) {
                users.remove(i);
            } else {
                // The demo integration's area (region DEMO) is the demo's: a party gives its integrations theirs.
                ((ObjectNode) users.get(i)).remove("attributes");
            }
        }
        launchers.put("sslRequired", "external");
        assertEquals(launchers, realmImport.at("/spec/realm"),
                "the launcher's realm, less its demo users and the demo integration's area, TLS required");

        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(launchers.toString());
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Set<String> filled = new TreeSet<>();
        realmImport.at("/spec/placeholders").fieldNames().forEachRemaining(filled::add);
        assertEquals(placeholders, filled,
                "every placeholder of the realm is filled from a Secret");

        String issuer = keycloak.at("/spec/hostname/hostname").asText() + "/realms/" + launchers.path("realm").asText();
        assertEquals(issuer, r.platform().get("QUARKUS_OIDC_AUTH_SERVER_URL"), "the services trust the realm imported");
        String client = properties("gateway").getProperty("quarkus.oidc.client-id");
        assertTrue(names(launchers.path("clients"), "clientId").contains(client), client);
    }

    // --- network policies and disruption budgets ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachDatabaseTakesConnectionsFromItsServiceAndKafkaFromTheServicesOnly(String overlay) {
        Rendered r = RENDERED.get(overlay);
        Map<String, String> clients = new HashMap<>();
        DATABASES.forEach((service, db) -> clients.put(db + "-db", "app.kubernetes.io/name=" + service));
        clients.put("keycloak-db", "app=keycloak,app.kubernetes.io/instance=" + r.kind("Keycloak").get(0).at("/metadata/name").asText());
        for (String cluster : names(r.kind("Cluster"))) {
            NetworkPolicy policy = r.of(NetworkPolicy.class).stream()
                    .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                            && cluster.equals(p.getSpec().getPodSelector().getMatchLabels().get("cnpg.io/cluster")))
                    .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + cluster));
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
            Set<String> onPostgres = new TreeSet<>();
            for (var rule : policy.getSpec().getIngress()) {
                if (rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 5432)) {
                    rule.getFrom().forEach(peer -> onPostgres.add(peer(peer)));
                }
            }
            assertEquals(new TreeSet<>(Set.of(clients.get(cluster), "cnpg.io/cluster=" + cluster)), onPostgres, cluster);
        }
        Set<String> kafkaPeers = new TreeSet<>();
        for (JsonNode peer : r.kind("Kafka").get(0).at("/spec/kafka/listeners/0/networkPolicyPeers")) {
            kafkaPeers.add(peer(JSON.convertValue(peer, NetworkPolicyPeer.class)));
        }
        Set<String> expected = new TreeSet<>(DATABASES.keySet().stream().map(s -> "app.kubernetes.io/name=" + s).toList());
        expected.add("namespace kubernetes.io/metadata.name=keda");
        assertEquals(expected, kafkaPeers, "Kafka from the services (and KEDA, reading lag) only");

        NetworkPolicy fromGateway = r.of(NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals("services-from-gateway-only")).findFirst().orElseThrow();
        assertEquals(new TreeSet<>(DATABASES.keySet()),
                new TreeSet<>(fromGateway.getSpec().getPodSelector().getMatchExpressions().get(0).getValues()));
        assertEquals("app.kubernetes.io/name=gateway", peer(fromGateway.getSpec().getIngress().get(0).getFrom().get(0)));
    }

    private static String peer(NetworkPolicyPeer peer) {
        String pods = peer.getPodSelector() == null ? "" : new TreeMap<>(peer.getPodSelector().getMatchLabels())
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return peer.getNamespaceSelector() == null ? pods : "namespace " + new TreeMap<>(peer.getNamespaceSelector()
                .getMatchLabels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theGatewayTallyServiceKafkaAndPostgresHaveDisruptionBudgets(String overlay) {
        Rendered r = RENDERED.get(overlay);
        Set<String> budgets = new TreeSet<>();
        for (PodDisruptionBudget pdb : r.of(PodDisruptionBudget.class)) {
            Deployment d = r.deployment(pdb.getMetadata().getName());
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), pdb.getMetadata().getName());
            budgets.add(pdb.getMetadata().getName());
            if (overlay.equals("production")) {
                assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal(), pdb.getMetadata().getName());
            }
        }
        assertEquals(Set.of("gateway", "tally-service"), budgets);
        // The operators make the budgets of the pods they run.
        assertEquals(1, r.kind("Kafka").get(0).at("/spec/kafka/template/podDisruptionBudget/maxUnavailable").asInt());
        r.kind("Cluster").forEach(c -> assertTrue(c.at("/spec/enablePDB").asBoolean(), Kustomize.id(c)));
    }

    // --- secrets --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void secretsComeOnlyFromTheServicesOwnSecretsWithKeysTheExampleListsAndReachTheirPlaceholders(String overlay) throws IOException {
        Rendered r = RENDERED.get(overlay);
        Map<String, Set<String>> examples = secretExamples();
        Set<String> perService = SERVICES.stream().map(s -> s + "-secrets").collect(Collectors.toSet());
        assertTrue(examples.keySet().containsAll(perService), "one Secret per service");
        for (Deployment d : r.of(Deployment.class)) {
            String service = d.getMetadata().getName();
            Set<String> placeholders = placeholders(service);
            for (EnvVar e : r.container(service).getEnv()) {
                if (e.getValueFrom() == null) {
                    continue;
                }
                var ref = e.getValueFrom().getSecretKeyRef();
                // Its own Secret, or what an operator generated for it alone: its database role's, its Kafka user's.
                Set<String> own = DATABASES.containsKey(service)
                        ? Set.of(service + "-secrets", DATABASES.get(service) + "-db-app", service) : Set.of(service + "-secrets");
                assertTrue(own.contains(ref.getName()), service + " " + e.getName() + " reads " + ref.getName());
                if (ref.getName().equals(service + "-secrets")) {
                    assertTrue(examples.get(ref.getName()).contains(ref.getKey()),
                            service + " reads key " + ref.getKey() + " the example lacks");
                }
                // Either a Quarkus or Kafka property by its environment name, or a placeholder the service declares.
                assertTrue(e.getName().startsWith("QUARKUS_") || e.getName().startsWith("KAFKA_")
                        || placeholders.contains(e.getName()), service + ": nothing reads " + e.getName());
            }
        }
        // The Secrets the platform's custom resources read that no operator generates are in the example too.
        JsonNode realm = r.kind("KeycloakRealmImport").get(0).at("/spec/placeholders");
        realm.forEach(p -> assertTrue(examples.getOrDefault(p.at("/secret/name").asText(), Set.of())
                .contains(p.at("/secret/key").asText()), p.toString()));
        JsonNode keda = r.one("KafkaUser", "keda").at("/spec/authentication/password/valueFrom/secretKeyRef");
        assertTrue(examples.get(keda.path("name").asText()).containsAll(Set.of(keda.path("key").asText(), "username")));
        for (JsonNode c : r.kind("Cluster")) {
            JsonNode s3 = c.at("/spec/backup/barmanObjectStore/s3Credentials");
            s3.forEach(ref -> assertTrue(examples.get(ref.path("name").asText()).contains(ref.path("key").asText())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceReadsItsKeyFilesFromItsOwnSecret(String overlay) {
        Rendered r = RENDERED.get(overlay);
        Map<String, Set<String>> examples = secretExamples();
        Map<String, Set<String>> expected = Map.of(
                "membership-service", Set.of("vault.key"),
                "ballot-service", Set.of("vault.key", "mail-code.pub"),
                "tally-service", Set.of("vault.key"),
                "notification-service", Set.of("vault.key", "mail-code.key"));
        for (Deployment d : r.of(Deployment.class)) {
            String service = d.getMetadata().getName();
            var pod = d.getSpec().getTemplate().getSpec();
            Map<String, String> files = new HashMap<>();
            for (var volume : pod.getVolumes()) {
                if (volume.getSecret() == null) {
                    continue;
                }
                assertEquals(service + "-secrets", volume.getSecret().getSecretName(), service);
                assertEquals(0440, volume.getSecret().getDefaultMode(), service + ": key files readable by owner and group");
                String mount = r.container(service).getVolumeMounts().stream()
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
            Map<String, String> env = r.env(service);
            assertEquals(files.get("vault.key"), env.get("SELECTORATE_KEYS_FILE"), service);
            assertEquals(files.get("mail-code.pub"), env.get("SELECTORATE_MAIL_CODE_PUBLIC_KEY_FILE"), service);
            assertEquals(files.get("mail-code.key"), env.get("SELECTORATE_MAIL_CODE_PRIVATE_KEY_FILE"), service);
        }
    }

    @Test
    void noSecretHasADefaultOutsideTheDevAndTestProfiles() {
        List<String> defaults = new ArrayList<>();
        for (String service : SERVICES) {
            Properties p = properties(service);
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

    // --- helpers --------------------------------------------------------------------------------------------------

    private static Map<String, Set<String>> secretExamples() {
        Map<String, Set<String>> keys = new HashMap<>();
        secretExample.forEach(s -> keys.put(s.getMetadata().getName(), ((Secret) s).getStringData().keySet()));
        return keys;
    }

    private static Set<String> placeholders(String service) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(propertiesFile(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The service's application.properties as in production: profile-prefixed (%dev, %test) lines are skipped. */
    private static Properties properties(String service) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(propertiesFile(service))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        p.stringPropertyNames().stream().filter(n -> n.startsWith("%")).forEach(p::remove);
        return p;
    }

    private static Path propertiesFile(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    private static Set<String> names(List<JsonNode> docs) {
        return new TreeSet<>(docs.stream().map(d -> d.at("/metadata/name").asText()).toList());
    }

    private static Set<String> names(JsonNode array, String field) {
        Set<String> names = new TreeSet<>();
        array.forEach(e -> names.add(e.path(field).asText()));
        return names;
    }

    private static Set<String> yamlFiles(Path dir, String except) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals(except)
                    && !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> referenced(Path dir, String field) throws IOException {
        Set<String> files = new TreeSet<>();
        for (JsonNode r : Kustomize.YAML.readTree(dir.resolve("kustomization.yaml").toFile()).path(field)) {
            files.add(r.isTextual() ? r.asText() : r.path("path").asText());
        }
        return files;
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
