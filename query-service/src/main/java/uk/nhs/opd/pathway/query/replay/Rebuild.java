package uk.nhs.opd.pathway.query.replay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyFold;
import uk.nhs.opd.pathway.query.journey.JourneyFold.Event;
import uk.nhs.opd.pathway.query.journey.JourneyRows;
import uk.nhs.opd.pathway.query.journey.PersonEvents;
import uk.nhs.opd.pathway.query.journey.PersonHistory;
import uk.nhs.opd.pathway.query.projection.DeadLetterRows;
import uk.nhs.opd.pathway.query.projection.ProjectionConsumer;
import uk.nhs.opd.pathway.query.projection.ProjectionProperties;
import uk.nhs.opd.pathway.query.projection.SkippedRecords;
import uk.nhs.opd.pathway.query.projection.Timestamps;
import uk.nhs.opd.pathway.query.services.ServiceViewProjection;

/**
 * A rebuild of every projection from the beginning of the topic, without taking reads down: read the whole log up
 * to the end offsets seen at the start, fold each stream in memory once, bulk-load ({@code COPY}) a new version of
 * every projection table, then swap the tables in one transaction between two batches of the live consumer, which
 * carries on (catches up) from the positions stored with the new tables. Until the swap the old tables answer every
 * read; a rebuild that fails drops its new tables and leaves the live ones untouched.
 *
 * <p>A stream lives in one partition (its id is the record key), so the work goes partition by partition in a
 * pipeline: this thread reads partition n (the records' bytes, grouped by stream), the {@code rebuild-fold} threads
 * ({@code pathway.rebuild.fold-threads}, 2 by default) decode and fold the partitions before it, each stream by stream
 * into binary {@code COPY} rows, and {@code rebuild-copy} loads the folded ones (at most two waiting). Memory holds a
 * few partitions' bytes, never the log; decoded events live only while their stream is folded. Indexes and primary
 * keys are built after loading, two at a time, under temporary names that the swap renames to the live tables' own
 * (Flyway's) names.
 */
final class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    /** Every table the projections own, in the order they are loaded. */
    static final List<String> TABLES = List.of("person_history", "waitlist_entry", "placement_view", "referral_stat",
            "service_referral",
            "service_view", "stream_position", "held_event", "dead_letter", "consumer_position");
    private static final String NEXT = "_next";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** How far a rebuild has got, for the API and the log. */
    static final class Progress {
        final AtomicLong eventsTotal = new AtomicLong();
        final AtomicLong eventsRead = new AtomicLong();
        final AtomicLong eventsApplied = new AtomicLong();
    }

    /** One partition's records up to the end offset: their bytes, and each stream's records in arrival order. */
    private record PartitionLog(TopicPartition partition, long endOffset, PackedRecords records,
                                Map<String, PackedRecords.Stream> streams) {
    }

    /** A partition's rows, encoded per table, ready to load. */
    private record Loads(TopicPartition partition, Map<String, BulkCopy> tables) {
        void release() {
            tables.values().forEach(BulkCopy::release);
        }
    }

    /**
     * An index of a live table, to be built on its new twin under {@code temporaryName} and renamed to
     * {@code name} by the swap; {@code constraint} is "PRIMARY KEY" or "UNIQUE" when the index backs one.
     */
    private record IndexPlan(String table, String name, String temporaryName, String definition, String constraint) {
    }

    /** A record of a stream whose envelope cannot be read (or names another stream), with why. */
    private record Unreadable(int record, RuntimeException failure) {
    }

    /** A readable record of a stream: its event (payload null if unreadable, with the failure) and its number. */
    private record Read(Event event, int record, RuntimeException payloadFailure) {
        long sequence() {
            return event.envelope().sequence();
        }
    }

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final ProjectionProperties properties;
    private final RebuildProperties rebuildProperties;
    private final List<JourneyRows> journeyTables;
    private final ProjectionConsumer liveConsumer;

    Rebuild(DataSource dataSource, String bootstrapServers, ProjectionProperties properties,
            RebuildProperties rebuildProperties, List<JourneyRows> journeyTables, ProjectionConsumer liveConsumer) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
        this.rebuildProperties = rebuildProperties;
        this.journeyTables = journeyTables;
        this.liveConsumer = liveConsumer;
    }

    void run(Progress progress) throws SQLException, InterruptedException {
        int foldThreads = rebuildProperties.foldThreads();
        AtomicLong folders = new AtomicLong();
        ExecutorService folder = Executors.newFixedThreadPool(foldThreads,
                r -> new Thread(r, "rebuild-fold-" + folders.incrementAndGet()));
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> new Thread(r, "rebuild-copy"));
        BulkCopy.Blocks blocks = new BulkCopy.Blocks();
        try (Connection connection = dataSource.getConnection();
             Connection copying = dataSource.getConnection();
             KafkaConsumer<String, ByteBuffer> consumer = logReader()) {
            try {
                long started = System.nanoTime();
                SkippedRecords skips = SkippedRecords.load(JdbcClient.create(dataSource));
                List<IndexPlan> indexes = createNextTables(connection);
                Map<String, BulkCopy.Table> tables = describeNextTables(connection);
                List<TopicPartition> partitions = consumer.partitionsFor(properties.topic(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
                progress.eventsTotal.set(partitions.stream().mapToLong(p -> endOffsets.get(p) - beginning.get(p)).sum());
                log.info("Rebuild: {} events in {} partitions of {}", progress.eventsTotal.get(), partitions.size(), properties.topic());

                // Up to foldThreads partitions fold at once while the next is read; loads queue behind each other on
                // the loader (in the order read). Reading waits for the oldest fold when every fold thread is busy, and
                // for the oldest load when two partitions' rows are already waiting, which bounds memory.
                ArrayDeque<Future<Loads>> folding = new ArrayDeque<>();
                ArrayDeque<Future<Void>> loading = new ArrayDeque<>();
                for (TopicPartition partition : partitions) {
                    PartitionLog partitionLog = readPartition(consumer, partition, endOffsets.get(partition), blocks, progress);
                    while (folding.size() >= foldThreads) {
                        Loads folded = await(folding.removeFirst());
                        loading.add(loader.submit(() -> load(copying, folded)));
                    }
                    while (loading.size() > 2) {
                        await(loading.removeFirst());
                    }
                    folding.add(folder.submit(() -> fold(partitionLog, tables, blocks, skips, progress)));
                }
                while (!folding.isEmpty()) {
                    Loads folded = await(folding.removeFirst());
                    loading.add(loader.submit(() -> load(copying, folded)));
                }
                while (!loading.isEmpty()) {
                    await(loading.removeFirst());
                }
                long loaded = System.nanoTime();
                buildIndexes(connection, copying, indexes);
                long indexed = System.nanoTime();
                swap(connection, indexes, skips.lastSkipId());
                log.info("Rebuild complete: {} events applied of {} in {} ms (read, fold and load {} ms, indexes {} ms, swap {} ms);"
                                + " the live consumer catches up from the new positions", progress.eventsApplied.get(),
                        progress.eventsTotal.get(), (System.nanoTime() - started) / 1_000_000, (loaded - started) / 1_000_000,
                        (indexed - loaded) / 1_000_000, (System.nanoTime() - indexed) / 1_000_000);
            } catch (SQLException | InterruptedException | RuntimeException e) {
                stop(folder);
                stop(loader);
                dropNextTables(connection);
                throw e;
            }
        } finally {
            folder.shutdownNow();
            loader.shutdownNow();
        }
    }

    /** Stops a stage and waits for it, so nothing writes to the new tables while they are dropped. */
    private static void stop(ExecutorService stage) throws InterruptedException {
        stage.shutdownNow();
        if (!stage.awaitTermination(60, TimeUnit.SECONDS)) {
            log.warn("Rebuild: a stage did not stop within 60 s");
        }
    }

    private static <T> T await(Future<T> stage) throws SQLException, InterruptedException {
        try {
            return stage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("A rebuild stage failed", e.getCause());
        }
    }

    /**
     * Creates the new tables, without indexes (one sorted build after loading is much cheaper than a million
     * inserts into them), and returns the live tables' indexes to give them afterwards.
     */
    private List<IndexPlan> createNextTables(Connection connection) throws SQLException {
        dropNextTables(connection);
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("CREATE TABLE " + table + NEXT + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)");
            }
        }
        // LIKE leaves out storage parameters (WITH (...)): the new tables get the live ones' too.
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT relname, array_to_string(reloptions, ', ') FROM pg_class
                WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                  AND relname = ANY (?) AND reloptions IS NOT NULL""");
             Statement statement = connection.createStatement()) {
            query.setArray(1, connection.createArrayOf("text", TABLES.toArray()));
            List<String> settings = new ArrayList<>();
            try (ResultSet options = query.executeQuery()) {
                while (options.next()) {
                    settings.add("ALTER TABLE " + options.getString(1) + NEXT + " SET (" + options.getString(2) + ")");
                }
            }
            for (String setting : settings) {
                statement.execute(setting);
            }
        }
        List<IndexPlan> plans = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT t.relname, i.relname, pg_get_indexdef(i.oid), x.indisunique, c.contype
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
                WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                  AND t.relname = ANY (?)""")) {
            query.setArray(1, connection.createArrayOf("text", TABLES.toArray()));
            try (ResultSet indexes = query.executeQuery()) {
                while (indexes.next()) {
                    String table = indexes.getString(1);
                    String current = indexes.getString(2);
                    // Rebuilds before constraints were kept gave their indexes a random suffix and no constraint.
                    String name = current.replaceAll("_r[0-9a-f]{8}$", "");
                    String contype = indexes.getString(5);
                    String constraint = "p".equals(contype) || (contype == null && indexes.getBoolean(4) && name.endsWith("_pkey"))
                            ? "PRIMARY KEY" : "u".equals(contype) ? "UNIQUE" : null;
                    String temporaryName = name + NEXT;
                    String definition = indexes.getString(3)
                            .replace("INDEX " + current + " ON", "INDEX " + temporaryName + " ON")
                            .replaceFirst(" ON (\\S+\\.)?" + table + " ", " ON " + table + NEXT + " ");
                    plans.add(new IndexPlan(table, name, temporaryName, definition, constraint));
                }
            }
        }
        return plans;
    }

    private Map<String, BulkCopy.Table> describeNextTables(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new HashMap<>(Map.of(
                "person_history", PersonEvents.COLUMNS,
                "service_view", ServiceViewProjection.COLUMNS,
                "stream_position", List.of("stream_id", "last_sequence", "last_event_recorded_at"),
                "held_event", List.of("stream_id", "sequence", "envelope"),
                "dead_letter", DeadLetterRows.COLUMNS,
                "consumer_position", List.of("consumer_group", "topic", "partition_no", "next_offset")));
        journeyTables.forEach(table -> columns.put(table.table(), table.columns()));
        Map<String, BulkCopy.Table> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, BulkCopy.Table.of(connection, table + NEXT, columns.get(table)));
        }
        return tables;
    }

    /**
     * Gives every new table the indexes and constraints of its live twin: the builds run two at a time (the log is
     * read by then, so both cores are PostgreSQL's), largest first; the constraints are added on the built indexes.
     */
    private static void buildIndexes(Connection connection, Connection other, List<IndexPlan> indexes)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        ConcurrentLinkedQueue<IndexPlan> queue = new ConcurrentLinkedQueue<>(indexes.stream()
                .sorted((a, b) -> Boolean.compare(!a.table().equals("person_history"), !b.table().equals("person_history")))
                .toList());
        ExecutorService second = Executors.newSingleThreadExecutor(r -> new Thread(r, "rebuild-index"));
        try {
            Future<Void> builds = second.submit(() -> {
                build(other, queue);
                return null;
            });
            build(connection, queue);
            await(builds);
        } finally {
            second.shutdownNow();
        }
        try (Statement statement = connection.createStatement()) {
            for (IndexPlan index : indexes) {
                if (index.constraint() != null) {
                    statement.execute("ALTER TABLE " + index.table() + NEXT + " ADD CONSTRAINT " + index.temporaryName() + " "
                            + index.constraint() + " USING INDEX " + index.temporaryName());
                }
            }
        }
        log.info("Rebuild: built {} indexes in {} ms", indexes.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private static void build(Connection connection, ConcurrentLinkedQueue<IndexPlan> queue) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '256MB'");
            try {
                for (IndexPlan index = queue.poll(); index != null; index = queue.poll()) {
                    long started = System.nanoTime();
                    statement.execute(index.definition());
                    log.debug("Rebuild: built {} in {} ms", index.temporaryName(), (System.nanoTime() - started) / 1_000_000);
                }
            } finally {
                statement.execute("RESET maintenance_work_mem"); // the connection goes back to the pool
            }
        }
    }

    private void dropNextTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + table + NEXT);
            }
        }
    }

    private KafkaConsumer<String, ByteBuffer> logReader() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Fetches stay large (below); a poll hands over a few thousand records at a time, so that few record objects
        // are alive when a young collection comes and it has little to copy (they are packed into blocks at once).
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // The log is read up to end offsets known at the start, so there is never new data worth waiting for: by
        // default a fetch at a partition's end waits 500 ms for more, and the next partition's fetch waits behind it.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 << 20);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-rebuild");
        // Values as views of the fetched records, copied once, into the partition's blocks.
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteBufferDeserializer());
    }

    /**
     * One partition up to the end offset seen at the start: each stream's records' bytes in arrival order, not yet
     * decoded. The stream is the record key (API.md); a record without one goes to its envelope's stream, or, if
     * that cannot be read either, is skipped as the live path skips it (there is no stream to hold behind it).
     */
    private PartitionLog readPartition(KafkaConsumer<String, ByteBuffer> consumer, TopicPartition partition, long endOffset,
                                       BulkCopy.Blocks blocks, Progress progress) {
        long started = System.nanoTime();
        PackedRecords packed = new PackedRecords(blocks);
        Map<String, PackedRecords.Stream> streams = new HashMap<>();
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        while (consumer.position(partition) < endOffset) {
            ConsumerRecords<String, ByteBuffer> records = consumer.poll(Duration.ofMillis(500));
            long read = 0;
            for (ConsumerRecord<String, ByteBuffer> record : records) {
                if (record.offset() >= endOffset) {
                    break;
                }
                read++;
                String streamId = record.key();
                if (streamId == null) {
                    try {
                        streamId = EventJson.readEnvelope(bytesOf(record.value())).streamId();
                    } catch (RuntimeException unreadable) {
                        log.error("Rebuild: skipping an unreadable record without a key at {} offset {}", partition, record.offset());
                        continue;
                    }
                }
                streams.computeIfAbsent(streamId, id -> new PackedRecords.Stream()).add(packed.add(record.value()));
            }
            progress.eventsRead.addAndGet(read);
        }
        log.info("Rebuild: partition {} read in {} ms", partition.partition(), (System.nanoTime() - started) / 1_000_000);
        return new PartitionLog(partition, endOffset, packed, streams);
    }

    private static byte[] bytesOf(ByteBuffer value) {
        byte[] bytes = new byte[value == null ? 0 : value.remaining()];
        if (value != null) {
            value.duplicate().get(bytes);
        }
        return bytes;
    }

    /** Folds every stream of a partition into its rows; the partition's consumer position goes with them. */
    private Loads fold(PartitionLog partitionLog, Map<String, BulkCopy.Table> tables, BulkCopy.Blocks blocks,
                       SkippedRecords skips, Progress progress) {
        long started = System.nanoTime();
        Map<String, BulkCopy> rows = new LinkedHashMap<>();
        tables.forEach((table, definition) -> rows.put(table, new BulkCopy(definition, blocks)));
        PersonHistory format = new PersonHistory();
        StreamDecoder decoder = new StreamDecoder();
        try {
            for (Map.Entry<String, PackedRecords.Stream> stream : partitionLog.streams().entrySet()) {
                progress.eventsApplied.addAndGet(foldStream(stream.getKey(), stream.getValue(), partitionLog.records(),
                        rows, format, decoder, skips));
            }
            TopicPartition partition = partitionLog.partition();
            rows.get("consumer_position").add(new Object[] {properties.consumerGroup(), partition.topic(),
                    partition.partition(), partitionLog.endOffset()});
        } catch (RuntimeException e) {
            rows.values().forEach(BulkCopy::release);
            throw e;
        } finally {
            partitionLog.records().release();
        }
        log.info("Rebuild: partition {} folded in {} ms; {} of {} events applied", partitionLog.partition().partition(),
                (System.nanoTime() - started) / 1_000_000, progress.eventsApplied.get(), progress.eventsTotal.get());
        return new Loads(partitionLog.partition(), rows);
    }

    /**
     * Folds one stream as the live path would have applied its records in arrival order: duplicates dropped, events
     * after a gap held, an event that cannot apply parked with everything after it held behind it, and a record
     * with no readable envelope parked in the place of the event expected next (and everything after it held). A
     * record an operator skipped is passed over as the live path passed over it. Returns how many events applied.
     */
    private int foldStream(String streamId, PackedRecords.Stream records, PackedRecords packed, Map<String, BulkCopy> rows,
                           PersonHistory format, StreamDecoder decoder, SkippedRecords skips) {
        List<Read> reads = new ArrayList<>(records.size());
        int readBeforeUnreadable = -1;
        List<Unreadable> unreadable = new ArrayList<>(0);
        EventJson.Decoded[] inOnePass = decoder.decode(records, packed);
        SkippedRecords.UnreadableSkips skippedUnreadable = skips.unreadableSkips(streamId);
        for (int i = 0; i < records.size(); i++) {
            Object decoded = decode(streamId, packed, records.record(i), inOnePass[i]);
            if (decoded instanceof Read read) {
                reads.add(read);
            } else if (!skippedUnreadable.passOver(packed.copy(records.record(i)))) {
                if (unreadable.isEmpty()) {
                    readBeforeUnreadable = reads.size();
                }
                unreadable.add((Unreadable) decoded);
            }
        }
        // The events in turn: sequences 0, 1, 2, ... among those that came before any unreadable record (the first
        // copy of each), up to a gap or one whose payload cannot be read (parked); a skipped one is passed over.
        int arrivedInTime = unreadable.isEmpty() ? reads.size() : readBeforeUnreadable;
        Read[] bySequence = new Read[arrivedInTime];
        for (int i = 0; i < arrivedInTime; i++) {
            long sequence = reads.get(i).sequence();
            if (sequence >= 0 && sequence < arrivedInTime && bySequence[(int) sequence] == null) {
                bySequence[(int) sequence] = reads.get(i);
            }
        }
        List<Read> inTurn = new ArrayList<>(arrivedInTime);
        long lastPassed = -1;
        Read parked = null;
        RuntimeException parkedFailure = null;
        for (Read read : bySequence) {
            if (read == null) {
                break;
            }
            if (!skips.isEmpty() && skips.skipped(read.event().envelope())) {
                lastPassed = read.sequence();
                continue;
            }
            if (read.payloadFailure() != null) {
                parked = read;
                parkedFailure = read.payloadFailure();
                break;
            }
            inTurn.add(read);
            lastPassed = read.sequence();
        }
        List<Read> applied = inTurn;
        if (!inTurn.isEmpty() && inTurn.get(0).event().envelope().personId() != null) {
            List<List<Object[]>> journeyRows;
            try {
                journeyRows = journeyRows(streamId, events(inTurn));
            } catch (RuntimeException poison) {
                applied = longestFoldablePrefix(streamId, inTurn);
                parked = inTurn.get(applied.size());
                parkedFailure = poison;
                lastPassed = parked.sequence() - 1;
                journeyRows = applied.isEmpty() ? List.of() : journeyRows(streamId, events(applied));
            }
            for (int i = 0; i < journeyRows.size(); i++) {
                BulkCopy table = rows.get(journeyTables.get(i).table());
                journeyRows.get(i).forEach(table::add);
            }
            if (!applied.isEmpty()) {
                // The records' own bytes: the relay wrote them with the contract's mapper, as the live path stores them.
                format.begin();
                for (Read read : applied) {
                    format.add(packed.array(read.record()), packed.offset(read.record()), packed.length(read.record()));
                }
                rows.get("person_history").add(PersonEvents.row(streamId, applied.size(),
                        applied.get(0).event().envelope().recordedAt(), format.end()));
            }
        } else if (!inTurn.isEmpty()) {
            foldService(events(inTurn), rows);
        }

        if (lastPassed >= 0) {
            EventEnvelope last = bySequence[(int) lastPassed].event().envelope();
            rows.get("stream_position").add(new Object[] {streamId, last.sequence(), Timestamps.utc(last.recordedAt())});
        }
        long lastParked = -1;
        if (parked != null) {
            rows.get("dead_letter").add(DeadLetterRows.parked(parked.event().envelope(), packed.copy(parked.record()), parkedFailure));
            lastParked = parked.sequence();
        }
        // Held: every later event (the first copy of each sequence), wherever it came, except the parked one.
        Map<Long, Read> held = new LinkedHashMap<>();
        for (Read read : reads) {
            if (read.sequence() > lastPassed && read.sequence() != lastParked) {
                held.putIfAbsent(read.sequence(), read);
            }
        }
        held.values().forEach(read -> rows.get("held_event").add(new Object[] {streamId, read.sequence(), packed.copy(read.record())}));
        for (Unreadable record : unreadable) {
            Object[] row = DeadLetterRows.unreadable(streamId, lastPassed, lastParked, packed.copy(record.record()), record.failure());
            rows.get("dead_letter").add(row);
            lastParked = (Long) row[1];
        }
        return applied.size();
    }

    private static List<Event> events(List<Read> reads) {
        List<Event> events = new ArrayList<>(reads.size());
        for (Read read : reads) {
            events.add(read.event());
        }
        return events;
    }

    /**
     * A record as the stream's decoding gave it ({@code inOnePass}), else decoded alone in one pass
     * ({@link EventJson#decode}); if that fails, read as the live path reads it, to tell an unreadable payload (a
     * {@link Read} whose event cannot apply) from an unreadable envelope or one of another stream (an
     * {@link Unreadable}), with the live path's own failure.
     */
    private static Object decode(String streamId, PackedRecords packed, int record, EventJson.Decoded inOnePass) {
        EventJson.Decoded decoded = inOnePass;
        if (!packed.absent(record)) {
            try {
                if (decoded == null) {
                    decoded = EventJson.decode(packed.array(record), packed.offset(record), packed.length(record));
                }
                if (streamId.equals(decoded.envelope().streamId())) {
                    return new Read(new Event(decoded.envelope(), decoded.event()), record, null);
                }
            } catch (RuntimeException notInOnePass) {
                // read below as the live path reads it
            }
        }
        byte[] bytes = packed.copy(record); // null for an absent value, as the live path sees it
        EventEnvelope envelope;
        try {
            envelope = DeadLetterRows.envelopeOf(streamId, bytes);
        } catch (RuntimeException unreadable) {
            return new Unreadable(record, unreadable);
        }
        try {
            return new Read(new Event(envelope, EventJson.payloadOf(envelope)), record, null);
        } catch (RuntimeException payload) {
            return new Read(new Event(envelope, null), record, payload);
        }
    }

    /** The rows of every table kept from journeys ({@link #journeyTables}, in order) for a person after these events. */
    private List<List<Object[]>> journeyRows(String personId, List<Event> events) {
        Journey journey = JourneyFold.foldEvents(personId, events, nowOf(events));
        List<List<Object[]>> tables = new ArrayList<>(journeyTables.size());
        for (JourneyRows table : journeyTables) {
            tables.add(table.rows(personId, journey));
        }
        return tables;
    }

    /** "Now" as the live path sees it after the last of these events: its record time. */
    private static JourneyFold.View nowOf(List<Event> events) {
        return JourneyFold.View.current(events.get(events.size() - 1).envelope().recordedAt());
    }

    /** The events up to (not including) the first whose journey cannot be folded or turned into rows. */
    private List<Read> longestFoldablePrefix(String personId, List<Read> reads) {
        int good = 0;
        while (good < reads.size()) {
            try {
                journeyRows(personId, events(reads.subList(0, good + 1)));
                good++;
            } catch (RuntimeException poison) {
                break;
            }
        }
        return reads.subList(0, good);
    }

    private static void foldService(List<Event> events, Map<String, BulkCopy> rows) {
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
    }

    private Void load(Connection connection, Loads loads) throws SQLException {
        long started = System.nanoTime();
        long loaded = 0;
        try {
            for (String table : TABLES) {
                loaded += loads.tables().get(table).load(connection);
            }
        } finally {
            loads.release();
        }
        log.info("Rebuild: partition {} loaded, {} rows with COPY in {} ms", loads.partition().partition(), loaded,
                (System.nanoTime() - started) / 1_000_000);
        return null;
    }

    /**
     * Swaps the new tables in between two batches of the live consumer. The swap waits for its locks at most
     * {@code swapLockTimeout} (behind a long read it would otherwise block every read queued after it), then gives
     * way to the live consumer and readers and tries again, up to {@code swapAttempts} times.
     */
    private void swap(Connection connection, List<IndexPlan> indexes, long lastSkipId) throws InterruptedException {
        Duration lockTimeout = rebuildProperties.swapLockTimeout();
        for (int attempt = 1; ; attempt++) {
            try {
                liveConsumer.runBetweenBatches(() -> swapOnce(connection, indexes, lockTimeout, lastSkipId));
                return;
            } catch (SwapBlocked blocked) {
                if (attempt >= rebuildProperties.swapAttempts()) {
                    throw new IllegalStateException("Swapping in the rebuilt projections waited " + attempt + " times "
                            + lockTimeout.toMillis() + " ms for locks held by other sessions; gave up, the live ones are untouched",
                            blocked.getCause());
                }
                log.warn("Rebuild: the swap waited {} ms for locks (attempt {} of {}); trying again", lockTimeout.toMillis(),
                        attempt, rebuildProperties.swapAttempts());
                Thread.sleep(Math.min(lockTimeout.toMillis(), 1_000));
            }
        }
    }

    /** An operator skipped a parked record while the rebuild ran; nothing changed. */
    private static final class SkipsChanged extends IllegalStateException {
        SkipsChanged() {
            super("An operator skipped a parked record while the rebuild ran, which its tables do not know of; the live"
                    + " ones are untouched: run the rebuild again");
        }
    }

    /** The swap did not get its locks in time; nothing changed. */
    private static final class SwapBlocked extends RuntimeException {
        SwapBlocked(SQLException cause) {
            super(cause);
        }
    }

    /**
     * One transaction: every live table is replaced by its new version, with the live indexes' names, or none is. None
     * is if an operator skipped a record since the rebuild read the skips: its tables would bring the record back.
     */
    private static void swapOnce(Connection connection, List<IndexPlan> indexes, Duration lockTimeout, long lastSkipId) {
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                for (String table : TABLES) {
                    statement.execute("ALTER TABLE " + table + " RENAME TO " + table + "_old");
                    statement.execute("ALTER TABLE " + table + NEXT + " RENAME TO " + table);
                    statement.execute("DROP TABLE " + table + "_old");
                }
                for (IndexPlan index : indexes) {
                    // Renaming a constraint's index renames the constraint too: both get Flyway's names back.
                    statement.execute("ALTER INDEX " + index.temporaryName() + " RENAME TO " + index.name());
                }
                // The tables' locks are held now: a skip still running has committed, one to come waits for the swap.
                try (ResultSet newest = statement.executeQuery("SELECT coalesce(max(skip_id), 0) FROM skipped_record")) {
                    newest.next();
                    if (newest.getLong(1) != lastSkipId) {
                        throw new SkipsChanged();
                    }
                }
                connection.commit();
            } catch (SQLException | SkipsChanged e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new SwapBlocked(e);
            }
            throw new IllegalStateException("Swapping in the rebuilt projections failed; the live ones are untouched", e);
        }
    }
}
