package uk.nhs.opd.pathway.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.support.BackgroundWorker;

/**
 * Follows the event topic as a member of the projections' consumer group. Positions come from and go to the
 * projection database ({@link ConsumerPositions}), never Kafka's offset store: on every assignment and after every
 * failed batch the consumer seeks to what the database says was applied.
 */
@Component
public class ProjectionConsumer extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final ProjectionApplier applier;
    private final ConsumerPositions positions;
    private final ProjectionProperties properties;
    private final String bootstrapServers;

    private final AtomicLong lagEvents = new AtomicLong();
    private long lagMeasuredAt;

    /** Held while a batch is applied; a swap of the projection tables takes it to run between batches. */
    private final java.util.concurrent.locks.ReentrantLock applying = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean reseek;

    private KafkaConsumer<String, byte[]> consumer;

    ProjectionConsumer(ProjectionApplier applier, ConsumerPositions positions, ProjectionProperties properties,
                       @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                       MeterRegistry meters) {
        super("projection-consumer");
        Gauge.builder("pathway.projection.lag.events", lagEvents, AtomicLong::get)
                .description("Events on the topic not yet applied").register(meters);
        Gauge.builder("pathway.projection.lag.seconds", this, ProjectionConsumer::lagSeconds)
                .description("Event time the projections are behind: now minus the record time of the last event applied, 0 when caught up")
                .register(meters);
        this.applier = applier;
        this.positions = positions;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    protected boolean prepare() {
        if (!properties.live()) {
            log.warn("Not following {}: pathway.projections.live is false", properties.topic());
            return false;
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-projections");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        return true;
    }

    /** A consumer blocked in {@code poll} is woken by {@code wakeup}, not by an interrupt. */
    @Override
    protected void wake() {
        consumer.wakeup();
    }

    @Override
    protected void work() {
        long backoffMillis = 100;
        try {
            consumer.subscribe(List.of(properties.topic()), new SeekToStoredPositions());
            while (isRunning()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(properties.pollTimeout());
                measureLag();
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                applying.lock();
                try {
                    if (reseek) {
                        // The tables were swapped under us: what was polled belongs to the old positions.
                        reseek = false;
                        seekToStored(consumer.assignment());
                        continue;
                    }
                    applier.applyBatch(batch);
                    backoffMillis = 100;
                } catch (RuntimeException e) {
                    log.warn("Applying a batch of {} events failed; retrying from the stored positions in {} ms: {}",
                            batch.size(), backoffMillis, e.toString());
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 10_000);
                    seekToStored(consumer.assignment());
                } finally {
                    applying.unlock();
                }
            }
        } catch (WakeupException e) {
            if (isRunning()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Runs {@code swap} between two batches, then makes the consumer continue from the positions stored in the
     * (new) projection tables, dropping anything it had polled for the old ones.
     */
    public void runBetweenBatches(Runnable swap) {
        applying.lock();
        try {
            swap.run();
            reseek = true;
        } finally {
            applying.unlock();
        }
    }

    /** Events behind, summed over the partitions this instance holds; measured at most once a second. */
    private void measureLag() {
        long now = System.currentTimeMillis();
        if (now - lagMeasuredAt < 1_000 || consumer.assignment().isEmpty()) {
            return;
        }
        lagMeasuredAt = now;
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(consumer.assignment()).entrySet()) {
            behind += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        lagEvents.set(behind);
    }

    private double lagSeconds() {
        Instant last = applier.lastAppliedRecordedAt();
        if (lagEvents.get() == 0 || last == null) {
            return 0;
        }
        return Duration.between(last, Instant.now()).toMillis() / 1000.0;
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            positions.nextOffset(partition).ifPresentOrElse(
                    offset -> consumer.seek(partition, offset),
                    () -> consumer.seekToBeginning(Set.of(partition)));
        }
    }

    private final class SeekToStoredPositions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Positions are already in the database with the rows; nothing to commit to Kafka.
        }
    }
}
