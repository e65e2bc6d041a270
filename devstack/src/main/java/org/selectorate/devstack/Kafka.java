package org.selectorate.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.selectorate.contracts.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one JVM), run from the Kafka jars on the
 * launcher's classpath. Every topic is created up front; brokers never auto-create topics here.
 */
public final class Kafka implements Component {
    static final Set<String> PER_ELECTOR = Set.of(Topics.CREDENTIALS, Topics.CASTS);

    private final Stack stack;

    public Kafka(Stack stack) {
        this.stack = stack;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return stack.kafkaBootstrap() + " (KRaft; casts topic with " + Topics.CAST_PARTITIONS + " partitions)";
    }

    @Override
    public boolean healthy() {
        return Probes.portOpen(stack.ports().of(Ports.KAFKA));
    }

    @Override
    public void start() throws Exception {
        Path dir = stack.dir("kafka");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logging = dir.resolve("log4j2.properties");
        Files.writeString(config, serverProperties(dir.resolve("data")));
        Files.writeString(logging, """
                rootLogger.level = INFO
                rootLogger.appenderRef.stdout.ref = STDOUT
                appender.stdout.type = Console
                appender.stdout.name = STDOUT
                appender.stdout.layout.type = PatternLayout
                appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                logger.kafka.name = kafka
                logger.kafka.level = WARN
                logger.apache.name = org.apache.kafka
                logger.apache.level = WARN
                """);
        if (stack.processes().running(name()).isEmpty()) {
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                stack.processes().runToCompletion("kafka-format", java(logging, List.of("kafka.tools.StorageTool",
                        "format", "--standalone", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                        "-c", config.toString())), dir, Duration.ofMinutes(2));
            }
            ProcessHandle process = stack.processes().start(name(),
                    java(logging, List.of("kafka.Kafka", config.toString())), dir, Map.of());
            Probes.await(name(), this::healthy, process, Duration.ofMinutes(2), stack.processes().log(name()));
        }
        createTopics();
    }

    private List<String> java(Path logging, List<String> mainAndArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(Java.current(), "-Xms128m", "-Xmx512m",
                "-XX:+UseG1GC", "-Dlog4j2.configurationFile=" + logging,
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return command;
    }

    private String serverProperties(Path data) {
        int port = stack.ports().of(Ports.KAFKA);
        int controller = stack.ports().of(Ports.KAFKA_CONTROLLER);
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                auto.create.topics.enable=false
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controller, data);
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            Set<String> existing = admin.listTopics().names().get(1, TimeUnit.MINUTES);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(config(t.name())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(1, TimeUnit.MINUTES);
            }
            // Topics made before their retention was set get it now.
            Map<ConfigResource, Collection<AlterConfigOp>> kept = new HashMap<>();
            PER_ELECTOR.stream().filter(existing::contains).forEach(t -> kept.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, t), config(t).entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList()));
            if (!kept.isEmpty()) {
                admin.incrementalAlterConfigs(kept).all().get(1, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * Topic settings beyond the broker's. The broker's log keeps every record with its offset in arrival order: on
     * the topics with an event per elector (credentials issued) or per vote (casts), that order is what an operator
     * reading the broker would line issuance up with casts by, so they keep their records a day (enough for a
     * consumer down overnight to catch up), not the broker's week. Retention deletes whole segments, so segments
     * roll hourly: a quiet topic's one open segment would otherwise outlive the day.
     */
    static Map<String, String> config(String topic) {
        return PER_ELECTOR.contains(topic)
                ? Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))
                : Map.of();
    }
}
