package uk.nhs.opd.pathway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.infra.ServiceProcess;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/**
 * The whole platform end to end, as deployed: both services run from their executable jars as separate processes
 * over a real PostgreSQL and a real Kafka broker (Testcontainers where Docker runs, embedded otherwise), driven
 * only through the public HTTP contract and read back from HTTP and from the Kafka topic.
 */
class PathwayEndToEndIT {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final String TOPIC = "pathway.events.e2e";

    /** Service logs stay in target/ for reading after a failure. */
    private static final Path logs = Path.of("target", "e2e-logs");

    private static final Map<String, String> environment = new HashMap<>();
    private static ServiceProcess commandService;
    private static ServiceProcess queryService;

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        environment.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "PATHWAY_TOPIC", TOPIC,
                "PATHWAY_DB_USER", infra.username(),
                "PATHWAY_DB_PASSWORD", infra.password(),
                "PATHWAY_EVENTS_DB_URL", infra.jdbcUrl("e2e_events"),
                "PATHWAY_VIEWS_DB_URL", infra.jdbcUrl("e2e_views"),
                "PATHWAY_SECURITY_JWT_PUBLIC_KEY", "file:" + TestInfrastructure.tokens().publicKeyFile().toAbsolutePath(),
                "PATHWAY_CRYPTO_MASTER_KEY", TestInfrastructure.MASTER_KEY,
                "PATHWAY_EVALUATION_PSEUDONYM_KEY", TestInfrastructure.MASTER_KEY));
        startBoth();
    }

    private static void startBoth() throws Exception {
        commandService = ServiceProcess.start("command-service", jar("command-service"), freePort(), environment,
                logs.resolve("command-service.log"));
        queryService = ServiceProcess.start("query-service", jar("query-service"), freePort(), environment,
                logs.resolve("query-service.log"));
        try {
            commandService.awaitHealthy(Duration.ofMinutes(3));
            queryService.awaitHealthy(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            System.err.println(Files.readString(commandService.log()));
            System.err.println(Files.readString(queryService.log()));
            throw e;
        }
    }

    @AfterAll
    static void stopServices() {
        if (queryService != null) {
            queryService.close();
        }
        if (commandService != null) {
            commandService.close();
        }
    }

    private static Path jar(String module) {
        return REPOSITORY.resolve(module).resolve("target").resolve(module + "-exec.jar");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aJourneyPostedOverHttpIsReadBackFromTheProjectionAndTheTopic() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        Http http = new Http(TestInfrastructure.token("READER"));
        String serviceId = "S-" + UUID.randomUUID();
        String personId = "P-" + UUID.randomUUID();
        scenario.registerService(serviceId, "MEN");
        scenario.registerAndScreenIn(personId);

        Http.Response referral = scenario.refer(personId, "R-1", serviceId);
        Instant posted = Instant.now();
        assertThat(referral.status()).isEqualTo(201);
        assertThat(referral.body().path("version").asLong()).isEqualTo(2);

        JsonNode journey = awaitJourney(http, personId, 1);
        Duration visibleAfter = Duration.between(posted, Instant.now());
        // A figure, not a check: a timing assertion would fail on a busy CI machine without anything being wrong.
        System.out.println("End to end: referral visible in the journey " + visibleAfter.toMillis() + " ms after the 201");
        assertThat(journey.path("status").asText()).isEqualTo("REFERRED");
        assertThat(journey.path("screening").path("outcome").asText()).isEqualTo("SCREENED_IN");
        assertThat(journey.path("registeredAt").asText()).isEqualTo("2024-01-10T10:00:00Z");
        assertThat(journey.path("referrals").get(0).path("referralId").asText()).isEqualTo("R-1");
        assertThat(journey.path("lastEventRecordedAt").asText()).isNotBlank();

        List<EventEnvelope> onTopic = eventsOnTopic(personId, 3);
        assertThat(onTopic).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
        assertThat(onTopic).extracting(EventEnvelope::type).containsExactly("PersonRegistered", "PersonScreened", "ReferralMade");
        assertThat(onTopic.get(2).eventId()).hasToString(referral.body().path("eventId").asText());

        assertThat(http.get(queryService.baseUrl() + "/api/people/P-unknown/journey").status()).isEqualTo(404);
        assertThat(scenario.post("/api/people", "{\"pathway\":\"MARTIAN\"}").status()).isEqualTo(400);
        assertThat(scenario.refer("P-unknown", "R-9", serviceId).status()).isEqualTo(404);
    }

    @Test
    void aMultiYearCommunityToCommunityJourneyIsAcceptedStepByStepAndPublishedInOrder() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        String personId = "P-" + UUID.randomUUID();
        String suffix = personId.substring(2, 10);

        int events = scenario.multiYearJourney(personId, "S-tc-" + suffix, "S-pipe-" + suffix, "S-day-" + suffix);

        List<EventEnvelope> onTopic = eventsOnTopic(personId, events);
        assertThat(onTopic).hasSize(events);
        assertThat(onTopic).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events).boxed().toList());
        assertThat(onTopic).extracting(EventEnvelope::type).contains("PersonDeselected", "LaydownEnded",
                "PersonTransitioned", "PersonReleased", "PersonAdmitted", "PlacementCompleted");
        assertThat(onTopic.get(0).occurredAt()).isEqualTo(Instant.parse("2019-03-01T09:00:00Z"));
        assertThat(new Http(TestInfrastructure.token("READER")).get(queryService.baseUrl() + "/api/people/" + personId + "/journey").status()).isEqualTo(200);
    }

    @Test
    void aContestedWaitListIsOrderedByPriorityWithThePausedApart() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String serviceId = "S-wl-" + run;
        scenario.step("/api/services", """
                {"serviceId":"%s","name":"Westgate","type":"TREATMENT","setting":"CUSTODY","pathway":"MEN",
                 "region":"NORTH_EAST","capacity":2,"occurredAt":"2019-01-01T00:00:00Z"}""".formatted(serviceId));
        String nearRelease = java.time.LocalDate.now().plusMonths(10).toString();
        scenario.waitingPerson("P-plain-a-" + run, "DETERMINATE\",\"earliestReleaseDate\":\"2035-01-01\"", "HIGH", false, serviceId, "R-plain-a", "2021-01-05");
        scenario.waitingPerson("P-very-high-" + run, "DETERMINATE\"", "VERY_HIGH", false, serviceId, "R-very-high", "2022-06-01");
        scenario.waitingPerson("P-ipp-" + run, "IPP\",\"tariffExpiryDate\":\"2021-01-01\"", "HIGH", false, serviceId, "R-ipp", "2021-02-01");
        scenario.waitingPerson("P-life-" + run, "LIFE\",\"tariffExpiryDate\":\"2040-01-01\"", "MEDIUM", true, serviceId, "R-life", "2022-01-01");
        scenario.waitingPerson("P-near-" + run, "DETERMINATE\",\"earliestReleaseDate\":\"" + nearRelease + "\"", "HIGH", false, serviceId, "R-near", "2021-06-01");
        scenario.waitingPerson("P-plain-b-" + run, "DETERMINATE\"", "MEDIUM", false, serviceId, "R-plain-b", "2021-03-01");
        scenario.waitingPerson("P-paused-" + run, "DETERMINATE\"", "VERY_HIGH", false, serviceId, "R-paused", "2020-06-01");
        scenario.step("/api/people/P-paused-" + run + "/referrals/R-paused/pause",
                "{\"reason\":\"SUITABLE_NOT_READY\",\"occurredAt\":\"2023-01-01T09:00:00Z\"}");

        Http http = new Http(TestInfrastructure.token("READER"));
        Http.Response waitList = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            waitList = http.get(queryService.baseUrl() + "/api/services/" + serviceId + "/waitlist");
            if (waitList.status() == 200 && waitList.body().path("entries").size() == 6 && waitList.body().path("paused").size() == 1) {
                break;
            }
            Thread.sleep(50);
        }

        JsonNode entries = waitList.body().path("entries");
        assertThat(entries.findValuesAsText("referralId"))
                .containsExactly("R-near", "R-very-high", "R-ipp", "R-life", "R-plain-a", "R-plain-b");
        assertThat(entries.findValuesAsText("tier")).containsExactly("1", "1", "2", "3", "3", "3");
        assertThat(entries.get(0).path("position").asInt()).isEqualTo(1);
        assertThat(entries.get(2).path("reasons").get(0).asText()).startsWith("IPP sentence, ").endsWith(" over tariff");
        assertThat(entries.get(3).path("reasons").toString()).contains("other interventions");
        assertThat(waitList.body().path("paused").get(0).path("referralId").asText()).isEqualTo("R-paused");
        assertThat(entries.get(4).path("daysWaiting").asLong()).isGreaterThan(entries.get(5).path("daysWaiting").asLong());

        JsonNode asOf = http.get(queryService.baseUrl() + "/api/services/" + serviceId + "/waitlist?asOf=2021-12-31T00:00:00Z").body();
        assertThat(asOf.path("entries").findValuesAsText("referralId"))
                .containsExactlyInAnyOrder("R-paused", "R-near", "R-ipp", "R-plain-a", "R-plain-b");
        assertThat(asOf.path("entries").get(0).path("referralId").asText()).isEqualTo("R-paused");
        assertThat(asOf.path("paused")).isEmpty();
        JsonNode knownLongAgo = http.get(queryService.baseUrl() + "/api/services/" + serviceId + "/waitlist?knownAt=2020-01-01T00:00:00Z").body();
        assertThat(knownLongAgo.path("entries")).isEmpty();

        Http.Response services = http.get(queryService.baseUrl() + "/api/services?type=TREATMENT&region=NORTH_EAST");
        JsonNode summary = null;
        for (JsonNode service : services.body().path("services")) {
            if (service.path("serviceId").asText().equals(serviceId)) {
                summary = service;
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.path("waiting").asInt()).isEqualTo(6);
        assertThat(summary.path("paused").asInt()).isEqualTo(1);
        assertThat(summary.path("occupied").asInt()).isZero();
        assertThat(http.get(queryService.baseUrl() + "/api/stats/referrals?groupBy=ethnicity").body()
                .path("groups").findValuesAsText("group")).contains("WHITE_BRITISH");
    }

    @Test
    void tenThousandHostileRequestsGetNoServerErrorStoreNothingAndLeaveBothServicesHealthy() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String events = infra.jdbcUrl("e2e_events");
        long storedBefore = count(events, "SELECT count(*) FROM domain_event_entry") + count(events, "SELECT count(*) FROM idempotency_key");
        List<HostileRequests.Hostile> requests = new HostileRequests(20251124L, commandService.baseUrl(), queryService.baseUrl(),
                TestInfrastructure.token("WRITER"), TestInfrastructure.token("READER")).generate(10_000);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        java.util.concurrent.ConcurrentMap<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Queue<String> serverErrors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (HostileRequests.Hostile hostile : requests) {
            java.net.http.HttpRequest request = hostile.request();
            pool.submit(() -> {
                try {
                    java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                    statuses.computeIfAbsent(response.statusCode(), s -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    if (response.statusCode() < 400 || response.statusCode() >= 500) {
                        String body = hostile.body().length() > 300 ? hostile.body().substring(0, 300) + "..." : hostile.body();
                        serverErrors.add(response.statusCode() + " " + request.method() + " " + request.uri() + " " + body
                                + " -> " + response.body());
                    }
                } catch (java.io.IOException e) {
                    statuses.computeIfAbsent(-1, s -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        System.out.println("Hostile requests by status: " + new java.util.TreeMap<>(statuses));

        assertThat(serverErrors).as("answers other than 4xx").isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status >= 400 && status < 500 || status == -1);
        assertThat(statuses.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum()).isEqualTo(10_000);
        assertThat(count(events, "SELECT count(*) FROM domain_event_entry") + count(events, "SELECT count(*) FROM idempotency_key"))
                .isEqualTo(storedBefore);
        assertThat(new Http(TestInfrastructure.token("READER")).get(commandService.baseUrl() + "/actuator/health").status()).isEqualTo(200);
        assertThat(new Http(TestInfrastructure.token("READER")).get(queryService.baseUrl() + "/actuator/health").status()).isEqualTo(200);
    }

    private static long count(String jdbcUrl, String sql) throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, infra.username(), infra.password());
             java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anErasedPersonShowsAsErasedWithTheirPathwayIntact() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        String serviceId = "S-" + UUID.randomUUID();
        String personId = "P-" + UUID.randomUUID();
        scenario.registerService(serviceId, "MEN");
        scenario.registerAndScreenIn(personId);
        assertThat(scenario.refer(personId, "R-1", serviceId).status()).isEqualTo(201);

        Http admin = new Http(TestInfrastructure.token("ADMIN"));
        assertThat(admin.post(commandService.baseUrl() + "/api/admin/people/" + personId + "/erasure",
                "{\"reason\":\"Data protection request\"}").status()).isEqualTo(201);

        Http reader = new Http(TestInfrastructure.token("READER"));
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode journey = reader.get(queryService.baseUrl() + "/api/people/" + personId + "/journey").body();
        while (!journey.path("personalDataErased").asBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            journey = reader.get(queryService.baseUrl() + "/api/people/" + personId + "/journey").body();
        }
        assertThat(journey.path("personalDataErased").asBoolean()).isTrue();
        assertThat(journey.path("referrals").get(0).path("referralId").asText()).isEqualTo("R-1");
        assertThat(eventsOnTopic(personId, 4)).allSatisfy(e -> assertThat(e.payload().toString())
                .doesNotContain("X123456").doesNotContain("A1234BC").doesNotContain("1980-05-01"));
    }

    @Test
    void theEvaluatorsExportHoldsNoCrnPrisonNumberPersonOrReferralIdOrDateOfBirth() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        String serviceId = "S-" + UUID.randomUUID();
        String personId = "P-" + UUID.randomUUID();
        scenario.registerService(serviceId, "MEN");
        scenario.registerAndScreenIn(personId);
        scenario.step("/api/people/" + personId + "/identifiers", "{\"type\":\"CRN\",\"value\":\"Y765432\"}");
        assertThat(scenario.refer(personId, "R-export", serviceId).status()).isEqualTo(201);

        Http reader = new Http(TestInfrastructure.token("READER"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (reader.get(queryService.baseUrl() + "/api/people/" + personId + "/journey").body().path("referrals").size() < 1
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Http evaluator = new Http(TestInfrastructure.token("EVALUATOR"));
        String events = evaluator.text(queryService.baseUrl() + "/api/evaluation/events");
        String journeys = evaluator.text(queryService.baseUrl() + "/api/evaluation/journeys.csv");

        assertThat(events).contains("\"ReferralMade\"").contains("\"checksum\"").contains("PSN-").contains("REF-");
        for (String export : List.of(events, journeys)) {
            assertThat(export).doesNotContain(personId).doesNotContain("R-export").doesNotContain("X123456").doesNotContain("Y765432")
                    .doesNotContain("A1234BC").doesNotContain("1980-05-01");
        }
    }

    @Test
    void everythingSurvivesARestartOfBothServices() throws Exception {
        Scenario scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));
        String serviceA = "S-" + UUID.randomUUID();
        String serviceB = "S-" + UUID.randomUUID();
        String personId = "P-" + UUID.randomUUID();
        scenario.registerService(serviceA, "MEN");
        scenario.registerService(serviceB, "ALL");
        scenario.registerAndScreenIn(personId);
        assertThat(scenario.refer(personId, "R-A", serviceA).status()).isEqualTo(201);
        awaitJourney(new Http(TestInfrastructure.token("READER")), personId, 1);

        stopServices();
        startBoth();
        scenario = new Scenario(commandService.baseUrl(), TestInfrastructure.token("WRITER"));

        Http.Response duplicate = scenario.refer(personId, "R-A2", serviceA);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("existingReferralId").asText()).isEqualTo("R-A");
        Http.Response second = scenario.refer(personId, "R-B", serviceB);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().path("version").asLong()).isEqualTo(3);

        JsonNode journey = awaitJourney(new Http(TestInfrastructure.token("READER")), personId, 2);
        assertThat(journey.path("referrals").findValuesAsText("referralId")).containsExactly("R-A", "R-B");
        assertThat(eventsOnTopic(personId, 4)).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L, 3L);
    }

    private JsonNode awaitJourney(Http http, String personId, int referrals) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Http.Response response = http.get(queryService.baseUrl() + "/api/people/" + personId + "/journey");
            if (response.status() == 200 && response.body().path("referrals").size() == referrals) {
                return response.body();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The journey of " + personId + " did not show " + referrals + " referral(s) in 30 s");
    }

    private static List<EventEnvelope> eventsOnTopic(String key, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<EventEnvelope> found = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (found.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(EventJson.readEnvelope(record.value()));
                    }
                }
            }
            return found;
        }
    }
}
