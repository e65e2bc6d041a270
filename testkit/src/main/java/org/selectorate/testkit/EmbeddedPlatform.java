package org.selectorate.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.selectorate.contracts.Topics;

import java.util.Map;

/**
 * A real PostgreSQL and a real (in-JVM, KRaft) Kafka broker for {@code @QuarkusTest}s, started once
 * for the test classes that share this resource. OIDC is switched off; tests authenticate with {@code @TestSecurity}.
 */
public class EmbeddedPlatform implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres postgres;
    private static KafkaClusterTestKit kafka;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            if (kafka == null) {
                kafka = startKafka();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded platform", e);
        }
        int pg = postgres.getPort();
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pg + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pg + "/postgres",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.oidc.tenant-enabled", "false");
    }

    /** Bootstrap servers of the running test broker, for tests that produce or consume directly. */
    public static String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    private static KafkaClusterTestKit startKafka() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                // A new consumer group (every test's reader, every service's channels at start) is formed at once, not
                // after the 3 s a broker waits by default for more members to join: about three minutes of every run.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
                    .toList()).all().get();
        }
        return cluster;
    }

    @Override
    public synchronized void stop() {
        // Closing here, not in a shutdown hook, lets the test JVM exit cleanly.
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded platform", e);
        } finally {
            kafka = null;
            postgres = null;
        }
    }
}
