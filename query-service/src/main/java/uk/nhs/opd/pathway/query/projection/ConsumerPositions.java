package uk.nhs.opd.pathway.query.projection;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The consumer group's positions, kept in the projection database instead of Kafka's offset store. */
@Component
class ConsumerPositions {

    private final JdbcClient jdbc;
    private final String group;

    ConsumerPositions(JdbcClient jdbc, ProjectionProperties properties) {
        this.jdbc = jdbc;
        this.group = properties.consumerGroup();
    }

    Optional<Long> nextOffset(TopicPartition partition) {
        return jdbc.sql("SELECT next_offset FROM consumer_position WHERE consumer_group = ? AND topic = ? AND partition_no = ?")
                .params(group, partition.topic(), partition.partition()).query(Long.class).optional();
    }

    void save(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> jdbc.sql("""
                INSERT INTO consumer_position (consumer_group, topic, partition_no, next_offset) VALUES (?, ?, ?, ?)
                ON CONFLICT (consumer_group, topic, partition_no) DO UPDATE SET next_offset = EXCLUDED.next_offset""")
                .params(group, partition.topic(), partition.partition(), offset).update());
    }
}
