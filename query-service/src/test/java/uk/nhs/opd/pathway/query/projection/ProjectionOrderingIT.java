package uk.nhs.opd.pathway.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/**
 * The projection machinery on a real PostgreSQL: duplicates are no-ops, early events wait for their gap, and a
 * poison event parks the rest of its stream while other streams flow.
 */
class ProjectionOrderingIT {

    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;

    private final List<String> appliedLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private ProjectionApplier applier;

    @BeforeAll
    static void database() {
        TestInfrastructure infra = TestInfrastructure.shared();
        String url = infra.jdbcUrl("projection_ordering_it");
        Flyway.configure().dataSource(url, infra.username(), infra.password()).load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, infra.username(), infra.password());
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE stream_position, held_event, dead_letter, consumer_position, skipped_record").update();
        Projection recorder = (envelope, event) -> {
            if (envelope.type().equals("PersonScreened") && envelope.personId().startsWith("poison")) {
                throw new IllegalStateException("cannot apply");
            }
            appliedLog.add(envelope.streamId() + "#" + envelope.sequence());
        };
        ProjectionProperties properties = new ProjectionProperties("t", "g", 10, Duration.ofMillis(10), true);
        applier = new ProjectionApplier(List.of(recorder), new StreamGuard(jdbc), new DeadLetters(jdbc),
                new ConsumerPositions(jdbc, properties), transactions, jdbc, new SimpleMeterRegistry());
    }

    private static EventEnvelope event(String personId, long sequence) {
        PathwayEvent payload = switch ((int) sequence) {
            case 0 -> new PersonRegistered(Pathway.MEN, "X", SentenceType.LIFE, null, null, "r",
                    new Location(LocationType.PRISON, "FKI"), "35-44", new SealedPersonalData("v1.test"));
            case 1 -> new PersonScreened(new ScreeningAnswers(true, true, null, true, true), RiskLevel.HIGH,
                    ScreeningOutcome.SCREENED_IN, null);
            default -> new ReferralMade("R-" + sequence, "S-1", ReferralSource.SELF, true, null, false);
        };
        EventEnvelope typed = new EventEnvelope(UUID.randomUUID(), null, 1, personId, null, sequence,
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(sequence), Instant.now(), "t", EventJson.toTree(payload));
        String type = uk.nhs.opd.pathway.events.EventTypes.ofClass(payload.getClass()).orElseThrow().name();
        return new EventEnvelope(typed.eventId(), type, 1, personId, null, sequence, typed.occurredAt(),
                typed.recordedAt(), "t", typed.payload());
    }

    private void offer(EventEnvelope... envelopes) {
        transactions.executeWithoutResult(status -> {
            for (EventEnvelope envelope : envelopes) {
                applier.offer(envelope, status);
            }
        });
    }

    @Test
    void sendingEveryEventTwiceAppliesEachOnce() {
        EventEnvelope e0 = event("P-1", 0);
        EventEnvelope e1 = event("P-1", 1);
        EventEnvelope e2 = event("P-1", 2);

        offer(e0, e0, e1, e0, e1, e2, e2);

        assertThat(appliedLog).containsExactly("P-1#0", "P-1#1", "P-1#2");
    }

    @Test
    void anEarlyEventWaitsForItsPredecessorsThenAllApplyInOrder() {
        offer(event("P-1", 2));
        offer(event("P-1", 1));
        assertThat(appliedLog).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM held_event").query(Long.class).single()).isEqualTo(2);

        offer(event("P-1", 0));

        assertThat(appliedLog).containsExactly("P-1#0", "P-1#1", "P-1#2");
        assertThat(jdbc.sql("SELECT count(*) FROM held_event").query(Long.class).single()).isZero();
    }

    @Test
    void aPoisonEventParksTheRestOfItsStreamWhileOthersFlow() {
        offer(event("poison-1", 0), event("P-2", 0), event("poison-1", 1), event("P-2", 1),
                event("poison-1", 2), event("P-2", 2));

        assertThat(appliedLog).containsExactly("poison-1#0", "P-2#0", "P-2#1", "P-2#2");
        assertThat(jdbc.sql("SELECT sequence FROM dead_letter WHERE stream_id = 'poison-1'").query(Long.class).list())
                .containsExactly(1L);
        assertThat(jdbc.sql("SELECT sequence FROM held_event WHERE stream_id = 'poison-1'").query(Long.class).list())
                .containsExactly(2L);
        assertThat(jdbc.sql("SELECT last_sequence FROM stream_position WHERE stream_id = 'poison-1'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aParkedEventThatStillFailsIsParkedAgainAndSkippingItReleasesTheRest() {
        offer(event("poison-1", 0), event("poison-1", 1), event("poison-1", 2));

        assertThat(applier.retryParked("poison-1", 1)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single()).isEqualTo(1);

        assertThat(applier.skipParked("poison-1", 1)).isTrue();

        assertThat(appliedLog).containsExactly("poison-1#0", "poison-1#2");
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM held_event").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT stream_id || ' ' || sequence || ' ' || (event_id IS NOT NULL) FROM skipped_record")
                .query(String.class).list()).as("the skip is kept for rebuilds").containsExactly("poison-1 1 true");
        assertThat(applier.skipParked("poison-1", 1)).isFalse();
    }

    @Test
    void skippingAParkedEventWaitsForALiveBatchOnTheSameStreamSoNothingIsLeftHeld() throws Exception {
        offer(event("poison-1", 0), event("poison-1", 1), event("poison-1", 2));
        java.util.concurrent.CountDownLatch batchOpen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commitBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // A live batch holds event 3 behind the parked event 1, and has not committed yet.
            java.util.concurrent.Future<?> batch = threads.submit(() -> transactions.executeWithoutResult(status -> {
                applier.offer(event("poison-1", 3), status);
                batchOpen.countDown();
                try {
                    commitBatch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            batchOpen.await();
            java.util.concurrent.Future<Boolean> skip = threads.submit(() -> applier.skipParked("poison-1", 1));

            Thread.sleep(300);
            assertThat(skip.isDone()).as("the skip waits for the batch on its stream").isFalse();
            commitBatch.countDown();
            batch.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(skip.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(appliedLog).containsExactly("poison-1#0", "poison-1#2", "poison-1#3");
            assertThat(jdbc.sql("SELECT count(*) FROM held_event").query(Long.class).single()).isZero();
        } finally {
            commitBatch.countDown();
            threads.shutdownNow();
        }
    }
}
