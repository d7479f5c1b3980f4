package uk.nhs.opd.pathway.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.support.BackgroundWorker;

/**
 * The outbox relay: publishes the event log to Kafka in log order, keyed by stream id (so per-stream order holds
 * within a partition). Each round sends a batch, waits for every acknowledgement ({@code acks=all}, idempotent
 * producer) and only then moves its stored position, inside one transaction that also holds the relay lock.
 * A broker outage delays publishing; it never loses or reorders an event. A retry after a failure may publish
 * some events twice; consumers drop them by their per-stream sequence.
 */
@Component
class KafkaRelay extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);

    private final EventLog eventLog;
    private final RelayPosition position;
    private final TransactionTemplate transactions;
    private final RelayProperties properties;
    private final String bootstrapServers;
    private final Counter published;
    private final AtomicLong lastPublished = new AtomicLong();
    private final AtomicLong head = new AtomicLong();

    private Producer<String, byte[]> producer;

    KafkaRelay(EventLog eventLog, RelayPosition position, TransactionTemplate transactions, RelayProperties properties,
               @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry meters) {
        super("kafka-relay");
        this.eventLog = eventLog;
        this.position = position;
        this.transactions = transactions;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
        this.published = Counter.builder("pathway.relay.events.published").register(meters);
        Gauge.builder("pathway.relay.lag.events", () -> Math.max(0, head.get() - lastPublished.get())).register(meters);
    }

    @Override
    protected void work() {
        long backoffMillis = 100;
        boolean topicReady = false;
        while (isRunning()) {
            try {
                if (!topicReady) {
                    createTopicIfMissing();
                    topicReady = true;
                }
                int sent = relayOnce();
                backoffMillis = 100;
                if (sent == 0) {
                    Thread.sleep(properties.idlePoll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Relay round failed, retrying from the stored position in {} ms: {}", backoffMillis, causes(e));
                closeProducer();
                sleepQuietly(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
        closeProducer();
    }

    /** One round: returns how many events were published (0 when idle or another instance leads). */
    int relayOnce() {
        Integer sent = transactions.execute(status -> {
            if (!position.tryLead()) {
                return 0;
            }
            long from = position.current();
            List<StoredEvent> batch = eventLog.readAfter(from, properties.batchSize());
            lastPublished.set(from);
            if (batch.isEmpty()) {
                head.set(from);
                return 0;
            }
            publish(batch);
            long to = batch.get(batch.size() - 1).position();
            position.moveTo(to);
            lastPublished.set(to);
            head.set(Math.max(head.get(), to));
            return batch.size();
        });
        published.increment(sent == null ? 0 : sent);
        return sent == null ? 0 : sent;
    }

    private void publish(List<StoredEvent> batch) {
        Producer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (StoredEvent event : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(),
                    event.envelope().streamId(), EventJson.write(event.envelope()));
            record.headers().add("type", event.envelope().type().getBytes(StandardCharsets.UTF_8));
            acks.add(kafka.send(record));
        }
        kafka.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a batch", e.getCause());
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "command-service-relay");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("Closing the Kafka producer failed", e);
            }
            producer = null;
        }
    }

    private void createTopicIfMissing() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor())
                    .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete"));
            admin.createTopics(List.of(topic)).all().get();
            log.info("Created topic {} with {} partitions", properties.topic(), properties.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + properties.topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + properties.topic(), e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
