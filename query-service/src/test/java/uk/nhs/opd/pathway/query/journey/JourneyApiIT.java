package uk.nhs.opd.pathway.query.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/** Envelopes put on a real Kafka topic become a journey in PostgreSQL, read over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JourneyApiIT {

    private static final String TOPIC = "pathway.events.journey-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("journey_api_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.projections.topic", () -> TOPIC);
    }

    @BeforeAll
    static void topic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()))) {
            admin.createTopics(java.util.List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    @Autowired
    TestRestTemplate http;

    @org.junit.jupiter.api.BeforeEach
    void asAReader() {
        http.getRestTemplate().setInterceptors(java.util.List.of((request, body, execution) -> {
            request.getHeaders().setBearerAuth(TestInfrastructure.token("READER"));
            return execution.execute(request, body);
        }));
    }

    private static void publish(String key, String type, Map<String, String> ids, long sequence, Instant occurredAt,
                                PathwayEvent payload) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, 1, ids.get("personId"), ids.get("serviceId"),
                sequence, occurredAt, Instant.now(), "test", EventJson.toTree(payload));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, EventJson.write(envelope)));
        }
    }

    @Test
    void aPersonsEventsBecomeTheirJourney() {
        String personId = "P-" + UUID.randomUUID();
        String serviceId = "S-" + UUID.randomUUID();
        Instant registered = Instant.parse("2024-01-10T10:00:00Z");
        publish(serviceId, "ServiceRegistered", Map.of("serviceId", serviceId), 0, registered,
                new ServiceRegistered("Westgate", ServiceType.TREATMENT, Setting.CUSTODY, Pathway.MEN, "NORTH_EAST", 80));
        publish(personId, "PersonRegistered", Map.of("personId", personId), 0, registered,
                new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.IPP, LocalDate.of(2019, 1, 1), null,
                        "NORTH_EAST", new Location(LocationType.PRISON, "FKI"),
                        "35-44", new SealedPersonalData("v1.test")));
        publish(personId, "PersonScreened", Map.of("personId", personId), 1, registered.plusSeconds(3600),
                new PersonScreened(new ScreeningAnswers(true, true, null, true, true), RiskLevel.VERY_HIGH,
                        ScreeningOutcome.SCREENED_IN, null));
        publish(personId, "PersonScreened", Map.of("personId", personId), 1, registered.plusSeconds(3600),
                new PersonScreened(new ScreeningAnswers(true, true, null, true, true), RiskLevel.VERY_HIGH,
                        ScreeningOutcome.SCREENED_IN, null));  // a redelivered duplicate
        publish(personId, "ReferralMade", Map.of("personId", personId), 2, registered.plusSeconds(7200),
                new ReferralMade("R-1", serviceId, ReferralSource.OFFENDER_MANAGER, true, null, true));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<JsonNode> response = http.getForEntity("/api/people/" + personId + "/journey", JsonNode.class);
            return response.getStatusCode() == HttpStatus.OK && response.getBody().path("referrals").size() == 1
                    ? response.getBody() : null;
        }, java.util.Objects::nonNull);

        assertThat(journey.path("pathway").asText()).isEqualTo("MEN");
        assertThat(journey.path("status").asText()).isEqualTo("REFERRED");
        assertThat(journey.path("location").path("code").asText()).isEqualTo("FKI");
        assertThat(journey.path("screening").path("outcome").asText()).isEqualTo("SCREENED_IN");
        assertThat(journey.path("referrals").get(0).path("serviceId").asText()).isEqualTo(serviceId);
        assertThat(journey.path("referrals").get(0).path("ageBand").asText()).isEqualTo("35-44");
        assertThat(journey.path("referrals").get(0).path("referredAt").asText()).isEqualTo("2024-01-10T12:00:00Z");
        assertThat(journey.path("lastEventRecordedAt").asText()).isNotBlank();
        assertThat(journey.toString()).doesNotContain("X123456").doesNotContain("A1234BC").doesNotContain("1980-01-01");
    }

    @Test
    void anUnknownPersonIsAProblemNotFound() {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/people/P-nobody/journey", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("code").asText()).isEqualTo("PERSON_NOT_FOUND");
    }

    @Test
    void aMalformedPersonIdIsABadRequest() {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/people/{id}/journey", JsonNode.class, "' OR 1=1 --");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }
}
