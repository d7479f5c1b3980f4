package uk.nhs.opd.pathway.command.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the relay from the event store to Kafka.
 *
 * @param topic             the distribution topic (API.md: {@code pathway.events})
 * @param partitions        partitions when the relay creates the topic; keys spread by person or service id
 * @param replicationFactor replicas when the relay creates the topic
 * @param batchSize         events read and published per round trip
 * @param idlePoll          pause when there was nothing to publish
 */
@ConfigurationProperties("pathway.relay")
record RelayProperties(String topic, int partitions, short replicationFactor, int batchSize, Duration idlePoll) {
}
