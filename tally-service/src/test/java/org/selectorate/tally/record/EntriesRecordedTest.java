package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.record.EntriesRecorded;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.tally.record.TallyPlatform.Voter;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writer announces each appended tracker once, keyed by ballot; a refused cast announces nothing. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class EntriesRecordedTest {
    @Inject
    ObjectMapper json;

    @Test
    void everyRecordedTrackerIsAnnouncedOnce() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(List.of("Ada Lovelace", "Bo Diddley"), List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        Set<String> trackers = new HashSet<>();
        Voter first = ballot.voter();
        trackers.add(ballot.cast(first, List.of("Ada Lovelace")).statusCode(202).extract().path("tracker"));
        for (int i = 0; i < 4; i++) {
            trackers.add(ballot.cast(ballot.voter(), List.of("Bo Diddley")).statusCode(202).extract().path("tracker"));
        }
        ballot.cast(first, List.of("Bo Diddley")).statusCode(409);

        List<String> announced = announced(ballot.id(), trackers.size());
        assertEquals(trackers.size(), announced.size(), "each tracker once: " + announced);
        assertEquals(trackers, new HashSet<>(announced));
    }

    private List<String> announced(String ballotId, int expected) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RECORDS));
            Instant deadline = Instant.now().plusSeconds(30);
            // Past the expected count, keep reading a little: a tracker announced twice must show.
            Instant settled = null;
            while (Instant.now().isBefore(deadline) && (settled == null || Instant.now().isBefore(settled))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    var type = r.headers().lastHeader("ce_type");
                    if (ballotId.equals(r.key()) && type != null
                            && EntriesRecorded.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        out.addAll(json.readValue(r.value(), EntriesRecorded.class).trackers());
                    }
                }
                if (settled == null && out.size() >= expected) {
                    settled = Instant.now().plusSeconds(2);
                }
            }
        }
        return out;
    }
}
