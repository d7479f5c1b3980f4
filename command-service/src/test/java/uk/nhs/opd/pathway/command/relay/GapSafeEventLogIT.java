package uk.nhs.opd.pathway.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/**
 * The relay must never skip an event that commits late. These tests hold inserts open while later ones try to
 * commit, and check that a reader of "everything after my checkpoint" sees every event, once, in order.
 */
class GapSafeEventLogIT {

    private static String url;
    private static final String DATABASE = "gap_safety_it";
    private static EventLog log;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        TestInfrastructure infra = TestInfrastructure.shared();
        url = infra.jdbcUrl(DATABASE);
        Flyway.configure().dataSource(url, infra.username(), infra.password()).load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, infra.username(), infra.password());
        jdbc = JdbcClient.create(dataSource);
        log = new EventLog(jdbc);
    }

    @BeforeEach
    void emptyTheLog() {
        jdbc.sql("TRUNCATE domain_event_entry").update();
    }

    private static Connection connection() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.shared();
        Connection connection = DriverManager.getConnection(url, infra.username(), infra.password());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void insert(Connection connection, String streamId, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Service', ?, 'ServiceRegistered', '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, streamId);
            insert.setLong(3, sequence);
            insert.setString(4, Instant.now().toString());
            insert.setBytes(5, "{\"name\":\"n\",\"type\":\"DAY\",\"setting\":\"COMMUNITY\",\"pathway\":\"ALL\",\"region\":\"r\",\"capacity\":1}"
                    .getBytes(StandardCharsets.UTF_8));
            insert.setBytes(6, "{\"actor\":\"test\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    @Test
    void aLaterInsertCannotBecomeVisibleWhileAnEarlierOneIsUncommitted() throws Exception {
        try (Connection slow = connection(); Connection fast = connection()) {
            insert(slow, "S-slow", 0);                       // takes a position, then stays uncommitted

            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                try {
                    insert(fast, "S-fast", 0);
                    fast.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);

            assertThat(later).isNotDone();                   // the later commit waits for the earlier one...
            assertThat(log.readAfter(0, 100)).isEmpty();     // ...so a reader cannot move past the open insert

            slow.commit();
            later.get(10, TimeUnit.SECONDS);
        }
        List<StoredEvent> events = log.readAfter(0, 100);
        assertThat(events).extracting(e -> e.envelope().serviceId()).containsExactly("S-slow", "S-fast");
        assertThat(events.get(0).position()).isLessThan(events.get(1).position());
    }

    @Test
    void aReaderFollowingConcurrentWritersSeesEveryEventOnceInOrder() throws Exception {
        int writers = 8;
        int eventsPerWriter = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String stream = "S-" + w;
            done.add(CompletableFuture.runAsync(() -> {
                try (Connection connection = connection()) {
                    for (int i = 0; i < eventsPerWriter; i++) {
                        insert(connection, stream, i);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // commit late, at random
                        connection.commit();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                .whenComplete((r, e) -> writing.set(false));

        Set<String> seen = new HashSet<>();
        long checkpoint = 0;
        int read = 0;
        while (writing.get() || read < writers * eventsPerWriter) {
            for (StoredEvent event : log.readAfter(checkpoint, 7)) {
                assertThat(event.position()).isGreaterThan(checkpoint);
                assertThat(seen.add(event.envelope().eventId().toString())).isTrue();
                checkpoint = event.position();
                read++;
            }
            if (!writing.get() && log.readAfter(checkpoint, 1).isEmpty()) {
                break;
            }
        }
        all.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(seen).hasSize(writers * eventsPerWriter);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single())
                .isEqualTo((long) writers * eventsPerWriter);
    }
}
