package uk.nhs.opd.pathway.query.replay;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyFold;
import uk.nhs.opd.pathway.query.journey.JourneyFold.Event;
import uk.nhs.opd.pathway.query.journey.JourneyRows;
import uk.nhs.opd.pathway.query.journey.PersonEvents;
import uk.nhs.opd.pathway.query.projection.ProjectionConsumer;
import uk.nhs.opd.pathway.query.projection.ProjectionProperties;
import uk.nhs.opd.pathway.query.projection.Timestamps;
import uk.nhs.opd.pathway.query.services.ServiceViewProjection;

/**
 * A rebuild of every projection from the beginning of the topic, without taking reads down: read the whole log up
 * to the end offsets seen at the start, fold each stream in memory once, bulk-load ({@code COPY}) a new version of
 * every projection table, then swap the tables in one transaction between two batches of the live consumer, which
 * carries on (catches up) from the positions stored with the new tables. Until the swap the old tables answer every
 * read; a rebuild that fails drops its new tables and leaves the live ones untouched.
 */
final class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    /** Every table the projections own, in the order they are loaded. */
    static final List<String> TABLES = List.of("person_event", "waitlist_entry", "placement_view", "referral_stat",
            "service_referral",
            "service_view", "stream_position", "held_event", "dead_letter", "consumer_position");
    private static final String NEXT = "_next";

    /** How far a rebuild has got, for the API and the log. */
    static final class Progress {
        final AtomicLong eventsTotal = new AtomicLong();
        final AtomicLong eventsRead = new AtomicLong();
        final AtomicLong eventsApplied = new AtomicLong();
    }

    /** The bytes each envelope of the partition being rebuilt was read from. */
    private final Map<EventEnvelope, byte[]> rawBytes = new java.util.IdentityHashMap<>();

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final ProjectionProperties properties;
    private final List<JourneyRows> journeyTables;
    private final ProjectionConsumer liveConsumer;

    Rebuild(DataSource dataSource, String bootstrapServers, ProjectionProperties properties,
            List<JourneyRows> journeyTables, ProjectionConsumer liveConsumer) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
        this.journeyTables = journeyTables;
        this.liveConsumer = liveConsumer;
    }

    void run(Progress progress) throws SQLException, IOException {
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> new Thread(r, "rebuild-copy"));
        try (Connection connection = dataSource.getConnection();
             KafkaConsumer<String, byte[]> consumer = logReader()) {
            try {
                createNextTables(connection);
                List<TopicPartition> partitions = consumer.partitionsFor(properties.topic(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
                progress.eventsTotal.set(partitions.stream().mapToLong(p -> endOffsets.get(p) - beginning.get(p)).sum());
                log.info("Rebuild: {} events in {} partitions of {}", progress.eventsTotal.get(), partitions.size(), properties.topic());
                // A stream lives in one partition (it is the key), so each partition folds and loads on its own:
                // memory holds one partition's events, not the whole log. Loading (mostly PostgreSQL's work, on the
                // other core) overlaps with reading and folding the next partition.
                Future<?> loading = CompletableFuture.completedFuture(null);
                for (TopicPartition partition : partitions) {
                    long t0 = System.nanoTime();
                    Map<String, List<Event>> streams = readPartition(consumer, partition, endOffsets.get(partition), progress);
                    long t1 = System.nanoTime();
                    Map<String, List<Object[]>> rows = fold(streams, progress);
                    rawBytes.clear();
                    log.info("Rebuild: partition {} read in {} ms, folded in {} ms; {} of {} events applied",
                            partition.partition(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
                            progress.eventsApplied.get(), progress.eventsTotal.get());
                    rows.get("consumer_position").add(new Object[] {properties.consumerGroup(), partition.topic(),
                            partition.partition(), endOffsets.get(partition)});
                    awaitLoad(loading);
                    loading = loader.submit(() -> {
                        load(connection, rows);
                        return null;
                    });
                }
                awaitLoad(loading);
                buildIndexes(connection);
                liveConsumer.runBetweenBatches(() -> swap(connection));
                log.info("Rebuild complete: {} events applied of {}; the live consumer catches up from the new positions",
                        progress.eventsApplied.get(), progress.eventsTotal.get());
            } catch (SQLException | IOException | RuntimeException e) {
                loader.shutdownNow();
                dropNextTables(connection);
                throw e;
            }
        } finally {
            loader.shutdownNow();
        }
    }

    private static void awaitLoad(Future<?> loading) throws SQLException, IOException {
        try {
            loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Loading a partition failed", e.getCause());
        }
    }

    private void createNextTables(Connection connection) throws SQLException {
        dropNextTables(connection);
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                // No indexes while loading: one sorted build at the end is much cheaper than a million inserts into them.
                statement.execute("CREATE TABLE " + table + NEXT + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            }
        }
    }

    /** Gives every new table the indexes (primary keys included, as unique indexes) of its live twin. */
    private static void buildIndexes(Connection connection) throws SQLException {
        long started = System.nanoTime();
        try (Statement memory = connection.createStatement()) {
            memory.execute("SET maintenance_work_mem = '256MB'");
        }
        List<String> definitions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet indexes = statement.executeQuery(
                     "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ("
                             + String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList()) + ")")) {
            while (indexes.next()) {
                String table = indexes.getString(1);
                String name = indexes.getString(2);
                String fresh = (name.replaceAll("_r[0-9a-f]{8}$", "") + "_r"
                        + String.format("%08x", (int) (Math.random() * Integer.MAX_VALUE)));
                definitions.add(indexes.getString(3)
                        .replace("INDEX " + name + " ON", "INDEX " + fresh + " ON")
                        .replaceFirst(" ON (\\S+\\.)?" + table + " ", " ON " + table + NEXT + " "));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String definition : definitions) {
                statement.execute(definition);
            }
        }
        log.info("Rebuild: built {} indexes in {} ms", definitions.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void dropNextTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + table + NEXT);
            }
        }
    }

    private KafkaConsumer<String, byte[]> logReader() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50_000);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 << 20);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-rebuild");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** One partition up to the end offset seen at the start, grouped by stream, each stream in arrival order. */
    private Map<String, List<Event>> readPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
                                                   long endOffset, Progress progress) {
        Map<String, List<Event>> streams = new LinkedHashMap<>();
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        while (consumer.position(partition) < endOffset) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() >= endOffset) {
                    break;
                }
                try {
                    EventJson.Decoded decoded = EventJson.decode(record.value());
                    streams.computeIfAbsent(decoded.envelope().streamId(), id -> new ArrayList<>())
                            .add(new Event(decoded.envelope(), decoded.event()));
                    rawBytes.put(decoded.envelope(), record.value());
                } catch (RuntimeException unreadable) {
                    log.error("Rebuild: skipping an unreadable record at {} offset {}", partition, record.offset());
                }
                progress.eventsRead.incrementAndGet();
            }
        }
        return streams;
    }

    /** Each stream folded once, with the live path's order rules: duplicates dropped, events after a gap held. */
    private Map<String, List<Object[]>> fold(Map<String, List<Event>> streams, Progress progress) {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, new ArrayList<>()));
        for (Map.Entry<String, List<Event>> stream : streams.entrySet()) {
            TreeMap<Long, Event> bySequence = new TreeMap<>();
            stream.getValue().forEach(e -> bySequence.putIfAbsent(e.envelope().sequence(), e));
            List<Event> contiguous = new ArrayList<>();
            for (Event event : bySequence.values()) {
                if (event.envelope().sequence() != contiguous.size()) {
                    break;
                }
                contiguous.add(event);
            }
            List<Event> applied = contiguous.isEmpty() ? contiguous
                    : contiguous.get(0).envelope().personId() != null ? foldPerson(stream.getKey(), contiguous, rows)
                    : foldService(contiguous, rows);
            if (!applied.isEmpty()) {
                EventEnvelope last = applied.get(applied.size() - 1).envelope();
                rows.get("stream_position").add(new Object[] {stream.getKey(), last.sequence(), Timestamps.utc(last.recordedAt())});
            }
            bySequence.tailMap((long) applied.size()).values().stream()
                    .filter(e -> applied.size() == contiguous.size() || e.envelope().sequence() != applied.size())
                    .forEach(e -> rows.get("held_event").add(new Object[] {e.envelope().streamId(), e.envelope().sequence(),
                            rawBytes.get(e.envelope())}));
            progress.eventsApplied.addAndGet(applied.size());
        }
        return rows;
    }

    /** Folds a person; if their history has a poison event, everything before it applies and it is parked. */
    private List<Event> foldPerson(String personId, List<Event> events, Map<String, List<Object[]>> rows) {
        List<Event> applied = events;
        Journey journey;
        try {
            journey = JourneyFold.foldEvents(personId, events, nowOf(events));
        } catch (RuntimeException poison) {
            applied = longestFoldablePrefix(personId, events);
            EventEnvelope parked = events.get(applied.size()).envelope();
            rows.get("dead_letter").add(new Object[] {personId, parked.sequence(), String.valueOf(parked.eventId()),
                    parked.type(), poison.getClass().getSimpleName() + ": " + poison.getMessage(), rawBytes.get(parked)});
            journey = applied.isEmpty() ? null : JourneyFold.foldEvents(personId, applied, nowOf(applied));
        }
        for (Event event : applied) {
            // The record's own bytes: the relay wrote them with the contract's mapper, as the live path stores them.
            rows.get("person_event").add(PersonEvents.row(event.envelope(), rawBytes.get(event.envelope())));
        }
        for (JourneyRows table : journeyTables) {
            rows.get(table.table()).addAll(table.rows(personId, journey));
        }
        return applied;
    }

    /** "Now" as the live path sees it after the last of these events: its record time. */
    private static JourneyFold.View nowOf(List<Event> events) {
        return JourneyFold.View.current(events.get(events.size() - 1).envelope().recordedAt());
    }

    private static List<Event> longestFoldablePrefix(String personId, List<Event> events) {
        int good = 0;
        while (good < events.size()) {
            try {
                List<Event> prefix = events.subList(0, good + 1);
                JourneyFold.foldEvents(personId, prefix, nowOf(prefix));
                good++;
            } catch (RuntimeException poison) {
                break;
            }
        }
        return events.subList(0, good);
    }

    private static List<Event> foldService(List<Event> events, Map<String, List<Object[]>> rows) {
        Object[] row = null;
        for (Event event : events) {
            if (event.event() instanceof ServiceRegistered registered) {
                row = ServiceViewProjection.row(event.envelope(), registered);
            } else if (event.event() instanceof ServiceCapacityChanged changed && row != null) {
                row[6] = changed.capacity();
            }
        }
        if (row != null) {
            rows.get("service_view").add(row);
        }
        return events;
    }

    private void load(Connection connection, Map<String, List<Object[]>> rows) throws SQLException, IOException {
        Map<String, List<String>> columns = new HashMap<>(Map.of(
                "person_event", PersonEvents.COLUMNS,
                "service_view", ServiceViewProjection.COLUMNS,
                "stream_position", List.of("stream_id", "last_sequence", "last_event_recorded_at"),
                "held_event", List.of("stream_id", "sequence", "envelope"),
                "dead_letter", List.of("stream_id", "sequence", "event_id", "type", "error", "envelope"),
                "consumer_position", List.of("consumer_group", "topic", "partition_no", "next_offset")));
        journeyTables.forEach(table -> columns.put(table.table(), table.columns()));
        long started = System.nanoTime();
        long loaded = 0;
        for (String table : TABLES) {
            loaded += table.equals("person_event")
                    ? BulkCopy.copyPersonEvents(connection, table + NEXT, rows.get(table))
                    : BulkCopy.copy(connection, table + NEXT, columns.get(table), rows.get(table));
        }
        log.info("Rebuild: loaded {} rows with COPY in {} ms", loaded, (System.nanoTime() - started) / 1_000_000);
    }

    /** One transaction: every live table is replaced by its new version, or none is. */
    private void swap(Connection connection) {
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.execute("ALTER TABLE " + table + " RENAME TO " + table + "_old");
                    statement.execute("ALTER TABLE " + table + NEXT + " RENAME TO " + table);
                    statement.execute("DROP TABLE " + table + "_old");
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Swapping in the rebuilt projections failed; the live ones are untouched", e);
        }
    }
}
