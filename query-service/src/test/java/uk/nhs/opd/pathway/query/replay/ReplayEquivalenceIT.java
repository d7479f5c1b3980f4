package uk.nhs.opd.pathway.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventRetracted;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.PersonalDataErased;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;
import uk.nhs.opd.pathway.query.journey.History;
import uk.nhs.opd.pathway.query.journey.JourneyFoldTest;

/**
 * After a rich scenario, a rebuild from zero gives exactly the reads the live projections gave (journeys, wait
 * lists, services, stats), and reads keep answering while it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayEquivalenceIT {

    private static final String TOPIC = "pathway.events.replay-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("replay_equivalence_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.projections.topic", () -> TOPIC);
    }

    @BeforeAll
    static void topic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    private static final String BEFORE_RETRACTIONS = "2021-06-01T00:00:00Z";

    private final List<String> people = new ArrayList<>();
    private final List<String> services = List.of("S-tc", "S-pipe", "S-day");

    private List<EventEnvelope> scenario() {
        List<EventEnvelope> events = new ArrayList<>(JourneyFoldTest.multiYear().envelopes());
        people.add("P-1");
        for (String serviceId : services) {
            events.add(service(serviceId, 0, new ServiceRegistered(serviceId, ServiceType.TREATMENT, Setting.CUSTODY,
                    Pathway.MEN, "NORTH_EAST", 40)));
        }
        events.add(service("S-tc", 1, new ServiceCapacityChanged(48)));
        for (int i = 0; i < 12; i++) {
            String personId = "P-w" + i;
            people.add(personId);
            History person = new History(personId)
                    .on("2020-01-0" + (1 + i % 9), new PersonRegistered(Pathway.MEN, i % 3 == 0 ? "WHITE_BRITISH" : "BLACK_AFRICAN",
                            i % 4 == 0 ? SentenceType.IPP : SentenceType.DETERMINATE, LocalDate.of(2021, 1, 1),
                            LocalDate.of(2026, 6, 1), i % 2 == 0 ? "NORTH_EAST" : "LONDON",
                            new Location(LocationType.PRISON, "FKI"), i % 2 == 0 ? "25-34" : "45-54", new SealedPersonalData("v1.x")))
                    .on("2020-02-01", new PersonScreened(new ScreeningAnswers(true, true, null, true, true),
                            i % 5 == 0 ? RiskLevel.VERY_HIGH : RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN, null))
                    .on("2020-03-01", new ReferralMade("R-" + i, services.get(i % 3), ReferralSource.OFFENDER_MANAGER, true, null, i % 6 == 0));
            if (i % 7 == 6) {
                person.on("2020-04-01", new ReferralRejected("R-" + i, "not now"));
            } else {
                person.on("2020-04-" + (10 + i), new ReferralAccepted("R-" + i));
            }
            if (i % 4 == 1) {
                person.on("2021-01-01", new ReferralPaused("R-" + i, PauseReason.PERSON_CHOICE, ReferralStatus.ACCEPTED));
            }
            if (i % 4 == 2) {
                person.on("2021-02-01", new PersonAdmitted("R-" + i, services.get(i % 3), null));
            }
            if (i == 3) {
                person.on("2022-01-01", new EventRetracted(person.get(3).eventId(), "accepted by mistake", List.of(), List.of()));
            }
            if (i == 5) {
                person.on("2022-02-01", new PersonalDataErased("request"));
            }
            if (i == 9) {
                // The referral itself was a mistake: gone from today's wait list, still on it as known before then.
                person.on("2022-03-01", new EventRetracted(person.get(2).eventId(), "wrong person", List.of(), List.of()));
            }
            events.addAll(person.envelopes());
        }
        return events;
    }

    private static EventEnvelope service(String serviceId, long sequence, uk.nhs.opd.pathway.events.PathwayEvent event) {
        String type = uk.nhs.opd.pathway.events.EventTypes.ofClass(event.getClass()).orElseThrow().name();
        return new EventEnvelope(UUID.nameUUIDFromBytes((serviceId + sequence).getBytes()), type, 1, null, serviceId, sequence,
                Instant.parse("2018-01-01T00:00:00Z").plusSeconds(sequence), Instant.parse("2018-01-01T00:01:00Z").plusSeconds(sequence),
                "t", EventJson.toTree(event));
    }

    private ResponseEntity<JsonNode> get(String path, String role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestInfrastructure.token(role));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private List<String> everyRead() {
        List<String> reads = new ArrayList<>();
        for (String personId : people) {
            reads.add(get("/api/people/" + personId + "/journey", "READER").getBody().toString());
        }
        for (String serviceId : services) {
            reads.add(get("/api/services/" + serviceId + "/waitlist", "READER").getBody().toString());
            reads.add(get("/api/services/" + serviceId + "/waitlist?knownAt=" + BEFORE_RETRACTIONS, "READER").getBody().toString());
            reads.add(get("/api/services/" + serviceId + "/waitlist?asOf=" + BEFORE_RETRACTIONS, "READER").getBody().toString());
        }
        reads.add(get("/api/services", "READER").getBody().toString());
        for (String groupBy : List.of("ethnicity", "pathway", "ageBand", "region")) {
            reads.add(get("/api/stats/referrals?groupBy=" + groupBy, "READER").getBody().toString());
        }
        return reads;
    }

    @Test
    void aRebuildFromZeroGivesTheSameReadsAndNeverFailsAReadWhileItRuns() throws Exception {
        List<EventEnvelope> events = scenario();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope envelope : events) {
                producer.send(new ProducerRecord<>(TOPIC, envelope.streamId(), EventJson.write(envelope)));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.sql("SELECT coalesce(sum(event_count), 0) FROM person_history").query(Long.class).single()
                        + jdbc.sql("SELECT count(*) FROM service_view").query(Long.class).single() == events.size() - 1);
        List<String> live = everyRead();
        assertThat(live.get(0)).contains("\"status\"");
        String today = get("/api/services/S-tc/waitlist", "READER").getBody().toString();
        String knownBefore = get("/api/services/S-tc/waitlist?knownAt=" + BEFORE_RETRACTIONS, "READER").getBody().toString();
        assertThat(today).doesNotContain("\"R-9\"");
        // Referrals counted per region: P-1's three and the even people's in the North East (R-6 rejected), the odd
        // people's in London but R-9 (whose referral was retracted); R-3's acceptance was retracted.
        assertThat(get("/api/stats/referrals?groupBy=region", "READER").getBody().path("groups").toString()).isEqualTo(
                "[{\"group\":\"LONDON\",\"referred\":5,\"accepted\":4,\"rejected\":0},"
                        + "{\"group\":\"NORTH_EAST\",\"referred\":9,\"accepted\":8,\"rejected\":1}]");
        assertThat(knownBefore).as("a referral retracted later was on the list as known then").contains("\"R-9\"");

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger readsDuringRebuild = new AtomicInteger();
        List<String> failedReads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (rebuilding.get()) {
                ResponseEntity<JsonNode> read = get("/api/people/P-1/journey", "READER");
                readsDuringRebuild.incrementAndGet();
                if (read.getStatusCode() != HttpStatus.OK) {
                    failedReads.add(read.getStatusCode() + " " + read.getBody());
                }
            }
        });
        reader.start();

        HttpHeaders admin = new HttpHeaders();
        admin.setBearerAuth(TestInfrastructure.token("ADMIN"));
        ResponseEntity<JsonNode> started = http.exchange("/api/admin/replays", HttpMethod.POST, new HttpEntity<>(admin), JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String replayId = started.getBody().path("replayId").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                () -> get("/api/admin/replays/" + replayId, "ADMIN").getBody(),
                status -> !status.path("status").asText().equals("RUNNING"));
        rebuilding.set(false);
        reader.join();

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("eventsApplied").asLong()).isEqualTo(events.size());
        assertThat(done.path("eventsTotal").asLong()).isEqualTo(events.size());
        assertThat(failedReads).isEmpty();
        assertThat(readsDuringRebuild.get()).isPositive();
        assertThat(everyRead()).isEqualTo(live);
    }
}
