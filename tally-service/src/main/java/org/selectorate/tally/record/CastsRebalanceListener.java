package org.selectorate.tally.record;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * When casts partitions move to another replica, this one stops being their ballots' writer: its in-memory
 * records are dropped, and resumed from the tables if a partition comes back.
 */
@ApplicationScoped
@Identifier("tally-casts-rebalance")
public class CastsRebalanceListener implements KafkaConsumerRebalanceListener {
    private final RecordWriter writer;

    public CastsRebalanceListener(RecordWriter writer) {
        this.writer = writer;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            writer.forget();
        }
    }
}
