package uk.nhs.opd.pathway.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic          the event topic to follow
 * @param consumerGroup  the Kafka consumer group of the projections (its positions live in PostgreSQL)
 * @param maxPollRecords events per poll, applied in one transaction
 * @param pollTimeout    how long one poll waits for events
 * @param live           whether to follow the topic (off only for tools that drive rebuilds, such as the benchmark)
 */
@ConfigurationProperties("pathway.projections")
public record ProjectionProperties(String topic, String consumerGroup, int maxPollRecords, Duration pollTimeout,
                                   @org.springframework.boot.context.properties.bind.DefaultValue("true") boolean live) {
}
