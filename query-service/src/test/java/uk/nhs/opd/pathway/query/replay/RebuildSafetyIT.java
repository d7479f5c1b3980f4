package uk.nhs.opd.pathway.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;
import uk.nhs.opd.pathway.query.journey.History;
import uk.nhs.opd.pathway.query.journey.PersonEvents;

/**
 * A rebuild parks what it cannot read as the live path does (nobody silently loses events), gives the rebuilt tables
 * Flyway's constraint names, and gives way to long reads at the swap instead of blocking every read behind them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildSafetyIT {

    private static final String TOPIC = "pathway.events.rebuild-safety-it";
    private static final String DATABASE = "rebuild_safety_it";
    private static final byte[] GARBAGE = "{not an envelope".getBytes(StandardCharsets.UTF_8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties(DATABASE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.projections.topic", () -> TOPIC);
        registry.add("pathway.rebuild.swap-lock-timeout", () -> "300ms");
        registry.add("pathway.rebuild.swap-attempts", () -> "2");
    }

    @BeforeAll
    static void topic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonEvents personEvents;

    private static History history(String personId) {
        return new History(personId)
                .on("2021-01-04", new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.DETERMINATE,
                        LocalDate.of(2022, 1, 1), LocalDate.of(2026, 6, 1), "LONDON", new Location(LocationType.PRISON, "FKI"),
                        "25-34", new SealedPersonalData("v1.x")))
                .on("2021-02-01", new PersonScreened(new ScreeningAnswers(true, true, null, true, true), RiskLevel.HIGH,
                        ScreeningOutcome.SCREENED_IN, null))
                .on("2021-03-01", new ReferralMade("R-" + personId, "S-1", ReferralSource.OFFENDER_MANAGER, true, null, false))
                .on("2021-04-01", new ReferralAccepted("R-" + personId));
    }

    private static void publish(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value));
        }
    }

    private HttpHeaders as(String role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestInfrastructure.token(role));
        return headers;
    }

    private JsonNode rebuild() {
        return awaitReplay(startRebuild());
    }

    private String startRebuild() {
        ResponseEntity<JsonNode> started = http.exchange("/api/admin/replays", HttpMethod.POST, new HttpEntity<>(as("ADMIN")), JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return started.getBody().path("replayId").asText();
    }

    private JsonNode awaitReplay(String replayId) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> http.exchange("/api/admin/replays/" + replayId, HttpMethod.GET, new HttpEntity<>(as("ADMIN")), JsonNode.class).getBody(),
                status -> !status.path("status").asText().equals("RUNNING"));
    }

    /** Publishes a person's four events and returns the stream's state once they applied. */
    private List<String> appliedHistory(String personId) {
        history(personId).envelopes().forEach(e -> publish(personId, EventJson.write(e)));
        await().atMost(Duration.ofSeconds(60)).until(() -> streamState(personId).size() == 5);
        return streamState(personId);
    }

    /** A transaction that has read person_history and holds its lock until rolled back: a swap has to wait for it. */
    private static Connection longReadOfPersonHistory() throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        Connection reader = DriverManager.getConnection(infrastructure.jdbcUrl(DATABASE), infrastructure.username(),
                infrastructure.password());
        reader.setAutoCommit(false);
        try (Statement longRead = reader.createStatement()) {
            longRead.executeQuery("SELECT count(*) FROM person_history").close();
        }
        return reader;
    }

    private long tablesLeftOver() {
        return jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%\\_next'")
                .query(Long.class).single();
    }

    /** What the projections hold of a stream's order: applied events, parked and held records (bytes included). */
    private List<String> streamState(String personId) {
        List<String> state = new java.util.ArrayList<>();
        List<byte[]> applied = personEvents.storedEnvelopes(personId);
        for (int sequence = 0; sequence < applied.size(); sequence++) {
            state.add("applied " + sequence + ":" + sha256(applied.get(sequence)));
        }
        state.addAll(jdbc.sql("SELECT sequence || ':' || coalesce(event_id, '-') || ':' || coalesce(type, '-') || ':' || error || ':'"
                        + " || encode(sha256(envelope), 'hex') FROM dead_letter WHERE stream_id = ? ORDER BY sequence")
                .param(personId).query(String.class).list().stream().map(s -> "parked " + s).toList());
        state.addAll(jdbc.sql("SELECT sequence || ':' || encode(sha256(envelope), 'hex') FROM held_event WHERE stream_id = ? ORDER BY sequence")
                .param(personId).query(String.class).list().stream().map(s -> "held " + s).toList());
        state.addAll(jdbc.sql("SELECT 'position ' || last_sequence FROM stream_position WHERE stream_id = ?")
                .param(personId).query(String.class).list());
        return state;
    }

    /** Every constraint and index of the projection tables, by name. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> schemaNames() {
        return jdbc.sql("""
                SELECT c.relname || ' ' || i.relname || ' ' || coalesce(k.conname || ' ' || k.contype, '-')
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
                LEFT JOIN pg_constraint k ON k.conindid = i.oid AND k.conrelid = c.oid
                WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1""").query(String.class).list();
    }

    @Test
    void anUnreadableRecordMidHistoryIsParkedWithTheEventsBeforeItAppliedAndTheRestHeld() {
        String personId = "P-garbage";
        History history = history(personId);
        for (int sequence = 0; sequence < 2; sequence++) {
            publish(personId, EventJson.write(history.get(sequence)));
        }
        publish(personId, GARBAGE);
        for (int sequence = 2; sequence < 4; sequence++) {
            publish(personId, EventJson.write(history.get(sequence)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> streamState(personId).stream().filter(s -> s.startsWith("held")).count() == 2);
        List<String> live = streamState(personId);
        List<String> namesBefore = schemaNames();
        assertThat(live).hasSize(6).anyMatch(s -> s.startsWith("parked 2:-:-:Unreadable record: UncheckedIOException"));

        JsonNode done = rebuild();

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        List<String> rebuilt = streamState(personId);
        assertThat(rebuilt).isEqualTo(live);
        assertThat(rebuilt).filteredOn(s -> s.startsWith("applied")).hasSize(2);
        assertThat(jdbc.sql("SELECT envelope FROM dead_letter WHERE stream_id = ?").param(personId).query(byte[].class).single())
                .isEqualTo(GARBAGE);
        JsonNode journey = http.exchange("/api/people/" + personId + "/journey", HttpMethod.GET, new HttpEntity<>(as("READER")),
                JsonNode.class).getBody();
        assertThat(journey.path("status").asText()).isEqualTo("SCREENED_IN");
        assertThat(schemaNames()).isEqualTo(namesBefore).anyMatch(s -> s.equals("person_history person_history_pkey person_history_pkey p"));
        assertThat(jdbc.sql("SELECT attstorage FROM pg_attribute WHERE attrelid = 'person_history'::regclass AND attname = 'events'")
                .query(String.class).single()).as("the compressed histories stay uncompressed by PostgreSQL").isEqualTo("e");
        assertThat(jdbc.sql("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'person_history'::regclass")
                .query(String.class).single()).as("storage parameters survive a rebuild").isEqualTo("toast_tuple_target=8160");
        assertThat(jdbc.sql("SELECT collation_name FROM information_schema.columns WHERE table_name = 'referral_stat'"
                + " AND column_name = 'person_id'").query(String.class).single()).as("ids keep their byte order").isEqualTo("C");

        // An operator skips the unreadable record: the events held behind it apply.
        ResponseEntity<JsonNode> skipped = http.exchange("/api/admin/dead-letters/" + personId + "/2/skip", HttpMethod.POST,
                new HttpEntity<>(as("ADMIN")), JsonNode.class);
        assertThat(skipped.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> afterSkip = streamState(personId);
        assertThat(afterSkip).filteredOn(s -> s.startsWith("applied")).hasSize(4);
        assertThat(afterSkip).noneMatch(s -> s.startsWith("parked") || s.startsWith("held"));

        // A rebuild passes over the record the operator skipped, as the live path did.
        assertThat(rebuild().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(streamState(personId)).isEqualTo(afterSkip);
    }

    @Test
    void anEventAnOperatorSkipsLeavesAGapInTheHistoryAndTheEventsAfterItApply() throws Exception {
        String personId = "P-skipped";
        History history = history(personId).on("2021-05-01",
                new ReferralMade("R-second", "S-2", ReferralSource.PSYCHOLOGY, true, null, false));
        // Sequence 3 (the acceptance) arrives with a payload that cannot be read: it is parked, 4 is held behind it.
        ObjectNode poisoned = (ObjectNode) EventJson.mapper().readTree(EventJson.write(history.get(3)));
        ((ObjectNode) poisoned.get("payload")).putObject("referralId").put("not", "a referral id");
        for (int sequence = 0; sequence < 5; sequence++) {
            publish(personId, sequence == 3 ? EventJson.mapper().writeValueAsBytes(poisoned) : EventJson.write(history.get(sequence)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> streamState(personId).stream().anyMatch(s -> s.startsWith("held")));

        ResponseEntity<JsonNode> skipped = http.exchange("/api/admin/dead-letters/" + personId + "/3/skip", HttpMethod.POST,
                new HttpEntity<>(as("ADMIN")), JsonNode.class);

        assertThat(skipped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(personEvents.storedEnvelopes(personId).stream().map(e -> EventJson.readEnvelope(e).sequence()))
                .containsExactly(0L, 1L, 2L, 4L);
        assertThat(streamState(personId)).noneMatch(s -> s.startsWith("parked") || s.startsWith("held"))
                .contains("position 4");
        JsonNode journey = http.exchange("/api/people/" + personId + "/journey", HttpMethod.GET, new HttpEntity<>(as("READER")),
                JsonNode.class).getBody();
        List<String> referrals = new java.util.ArrayList<>();
        journey.path("referrals").forEach(referral -> referrals.add(referral.path("referralId").asText()));
        assertThat(referrals).containsExactly("R-" + personId, "R-second");

        // A rebuild passes over the skipped event too: the same gap, the same position, the same journey.
        List<String> afterSkip = streamState(personId);
        JsonNode rebuilt = rebuild();
        assertThat(rebuilt.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(streamState(personId)).isEqualTo(afterSkip);
        assertThat(http.exchange("/api/people/" + personId + "/journey", HttpMethod.GET, new HttpEntity<>(as("READER")),
                JsonNode.class).getBody()).isEqualTo(journey);
    }

    private ResponseEntity<JsonNode> skip(String personId, long sequence) {
        return http.exchange("/api/admin/dead-letters/" + personId + "/" + sequence + "/skip", HttpMethod.POST,
                new HttpEntity<>(as("ADMIN")), JsonNode.class);
    }

    @Test
    void aStreamsParkedRecordsAreSkippedFromTheLastParkedBackAndARebuildGivesTheLiveStateAtEveryStep() throws Exception {
        String personId = "P-several";
        History history = history(personId);
        ObjectNode poisoned = (ObjectNode) EventJson.mapper().readTree(EventJson.write(history.get(1)));
        ((ObjectNode) poisoned.get("payload")).put("riskOfSeriousHarm", "NOT_A_LEVEL");
        // 0 applies, 1 is parked (its payload cannot be read), 2 is held, the same unreadable bytes come twice (parked
        // at 2 and 3), and 3 is held.
        publish(personId, EventJson.write(history.get(0)));
        publish(personId, EventJson.mapper().writeValueAsBytes(poisoned));
        publish(personId, EventJson.write(history.get(2)));
        publish(personId, GARBAGE);
        publish(personId, GARBAGE);
        publish(personId, EventJson.write(history.get(3)));
        await().atMost(Duration.ofSeconds(60)).until(() -> streamState(personId).stream().filter(s -> s.startsWith("held")).count() == 2);
        List<String> live = streamState(personId);
        assertThat(live).filteredOn(s -> s.startsWith("parked")).hasSize(3);
        assertThat(rebuild().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(streamState(personId)).isEqualTo(live);

        // Records parked after another are skipped first: the rebuild knows arrival order, not when an operator acted.
        ResponseEntity<JsonNode> tooEarly = skip(personId, 1);
        assertThat(tooEarly.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tooEarly.getBody().path("code").asText()).isEqualTo("NOT_LAST_DEAD_LETTER");
        assertThat(skip(personId, 2).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(streamState(personId)).isEqualTo(live);

        for (long sequence : new long[] {3, 2, 1}) {
            assertThat(skip(personId, sequence).getStatusCode()).isEqualTo(HttpStatus.OK);
            List<String> afterSkip = streamState(personId);
            assertThat(rebuild().path("status").asText()).isEqualTo("COMPLETED");
            assertThat(streamState(personId)).as("rebuilt after skipping %s", sequence).isEqualTo(afterSkip);
        }
        assertThat(streamState(personId)).filteredOn(s -> s.startsWith("applied")).hasSize(3);
        assertThat(streamState(personId)).noneMatch(s -> s.startsWith("parked") || s.startsWith("held")).contains("position 3");

        // The same unreadable bytes once more: two skips passed over the two records before, not this one.
        publish(personId, GARBAGE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streamState(personId).stream().anyMatch(s -> s.startsWith("parked")));
        List<String> parkedAgain = streamState(personId);
        assertThat(parkedAgain).anyMatch(s -> s.startsWith("parked 4:-:-:Unreadable record"));
        assertThat(rebuild().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(streamState(personId)).isEqualTo(parkedAgain);
    }

    @Test
    void aSkipWhileARebuildRunsFailsTheRebuildRatherThanBringTheRecordBack() throws Exception {
        List<String> live = appliedHistory("P-skip-during");
        try (Connection reader = longReadOfPersonHistory()) {
            String replayId = startRebuild();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE person_history%'")
                    .query(Long.class).single() > 0);
            // An operator's skip lands now, after the rebuild read the skips (as if through the API: the table is all it reads).
            jdbc.sql("INSERT INTO skipped_record (stream_id, sequence, event_id) VALUES ('P-elsewhere', 0, 'e')").update();
            reader.rollback();
            JsonNode done = awaitReplay(replayId);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("error").asText()).as("failed for the skip, not for its locks").isEqualTo("SkipsChanged");
        } finally {
            jdbc.sql("DELETE FROM skipped_record WHERE stream_id = 'P-elsewhere'").update();
        }
        assertThat(streamState("P-skip-during")).isEqualTo(live);
        assertThat(tablesLeftOver()).isZero();
        assertThat(rebuild().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aSwapBlockedByALongReadGivesWayAndFailsCleanlyLeavingTheLiveTablesUntouched() throws Exception {
        List<String> live = appliedHistory("P-swap");
        try (Connection reader = longReadOfPersonHistory()) {
            try {
                JsonNode done = rebuild();
                assertThat(done.path("status").asText()).isEqualTo("FAILED");
                // The swap gave way each time after its lock timeout; nothing changed.
                assertThat(streamState("P-swap")).isEqualTo(live);
            } finally {
                reader.rollback();
            }
        }
        assertThat(tablesLeftOver()).isZero();

        JsonNode retried = rebuild();
        assertThat(retried.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(streamState("P-swap")).isEqualTo(live);
    }
}
