package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/** The command side over HTTP, with a real PostgreSQL event store and a real Kafka broker behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandApiIT {

    private static final String TOPIC = "pathway.events.command-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("command_api_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.relay.topic", () -> TOPIC);
        registry.add("pathway.relay.partitions", () -> "3");
    }

    @Autowired
    TestRestTemplate http;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String newService(String pathway) {
        String id = "S-" + UUID.randomUUID();
        ResponseEntity<JsonNode> created = post("/api/services", """
                {"serviceId":"%s","name":"Westgate","type":"TREATMENT","setting":"CUSTODY","pathway":"%s",
                 "region":"NORTH_EAST","capacity":80}""".formatted(id, pathway));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private String newPerson(String dateOfBirth) {
        String id = "P-" + UUID.randomUUID();
        ResponseEntity<JsonNode> created = post("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"%s","ethnicity":"WHITE_BRITISH",
                 "sentenceType":"DETERMINATE","earliestReleaseDate":"2027-01-01","region":"NORTH_EAST",
                 "location":{"type":"PRISON","code":"FKI"},"crn":"X123456","occurredAt":"2024-01-10T10:00:00Z"}"""
                .formatted(id, dateOfBirth));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private void screenIn(String personId) {
        assertThat(post("/api/people/" + personId + "/screenings", """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"HIGH"}""")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("code").asText()).isEqualTo(code);
        assertThat(response.getBody().path("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().path("detail").asText()).isNotBlank();
    }

    @Test
    void postedCommandsAreStoredAndPublishedWithContiguousSequences() {
        String serviceId = newService("MEN");
        String personId = newPerson("1980-05-01");
        screenIn(personId);
        ResponseEntity<JsonNode> referral = post("/api/people/" + personId + "/referrals", """
                {"referralId":"R-1","serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true}"""
                .formatted(serviceId));

        assertThat(referral.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(referral.getBody().path("personId").asText()).isEqualTo(personId);
        assertThat(referral.getBody().path("referralId").asText()).isEqualTo("R-1");
        assertThat(referral.getBody().path("version").asLong()).isEqualTo(2);
        String referralEventId = referral.getBody().path("eventId").asText();

        List<EventEnvelope> personEvents = consumeUntil(personId, 3);
        assertThat(personEvents).extracting(EventEnvelope::type)
                .containsExactly("PersonRegistered", "PersonScreened", "ReferralMade");
        assertThat(personEvents).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
        assertThat(personEvents.get(2).eventId()).hasToString(referralEventId);
        assertThat(personEvents.get(0).occurredAt()).isEqualTo(Instant.parse("2024-01-10T10:00:00Z"));
        assertThat(personEvents.get(0).recordedAt()).isAfter(personEvents.get(0).occurredAt());
        assertThat(personEvents.get(0).actor()).isEqualTo("unauthenticated");
        assertThat(personEvents.get(0).personId()).isEqualTo(personId);
        assertThat(personEvents.get(2).payload().path("serviceId").asText()).isEqualTo(serviceId);

        List<EventEnvelope> serviceEvents = consumeUntil(serviceId, 1);
        assertThat(serviceEvents.get(0).serviceId()).isEqualTo(serviceId);
        assertThat(serviceEvents.get(0).personId()).isNull();
    }

    @Test
    void malformedJsonIsABadRequest() {
        ResponseEntity<JsonNode> response = post("/api/people", "{\"pathway\": ");
        assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        assertThat(response.getBody().path("errors")).isNotEmpty();
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
        ResponseEntity<JsonNode> response = post("/api/services", """
                {"name":"x","type":"SPA","setting":"CUSTODY","pathway":"MEN","region":"r","capacity":1}""");
        assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(response.getBody().path("errors").get(0).path("message").asText()).contains("TREATMENT");
    }

    @Test
    void missingFieldsAreListed() {
        ResponseEntity<JsonNode> response = post("/api/services", "{\"name\":\"x\"}");
        assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .contains("type", "setting", "pathway", "region", "capacity");
    }

    @Test
    void commandsToAnUnknownPersonAreNotFound() {
        ResponseEntity<JsonNode> response = post("/api/people/P-nobody/screenings", """
                {"criteria":{"likelySeverePersonalityDisorder":true},"riskOfSeriousHarm":"HIGH"}""");
        assertProblem(response, HttpStatus.NOT_FOUND, "PERSON_NOT_FOUND");
    }

    @Test
    void aSecondOpenReferralToTheSameServiceIsAConflictNamingTheFirst() {
        String serviceId = newService("ALL");
        String personId = newPerson("1980-05-01");
        screenIn(personId);
        String body = """
                {"serviceId":"%s","source":"PSYCHOLOGY","offenderManagerSupports":true}""".formatted(serviceId);
        String first = post("/api/people/" + personId + "/referrals", body).getBody().path("referralId").asText();

        ResponseEntity<JsonNode> second = post("/api/people/" + personId + "/referrals", body);

        assertProblem(second, HttpStatus.CONFLICT, "DUPLICATE_OPEN_REFERRAL");
        assertThat(second.getBody().path("existingReferralId").asText()).isEqualTo(first);
    }

    @Test
    void ruleViolationsAreUnprocessableAndStoreNothing() {
        String personId = newPerson("1980-05-01");
        ResponseEntity<JsonNode> unscreened = post("/api/people/" + personId + "/referrals", """
                {"serviceId":"S-any","source":"SELF","offenderManagerSupports":true}""");
        assertProblem(unscreened, HttpStatus.UNPROCESSABLE_ENTITY, "NOT_SCREENED_IN");

        ResponseEntity<JsonNode> child = post("/api/people", """
                {"pathway":"MEN","dateOfBirth":"%s","ethnicity":"X","sentenceType":"NONE","region":"r",
                 "location":{"type":"COMMUNITY","code":"LDN"}}""".formatted(java.time.LocalDate.now().minusYears(17)));
        assertProblem(child, HttpStatus.UNPROCESSABLE_ENTITY, "UNDER_AGE");
    }

    @Test
    void registeringAnExistingPersonIsAConflict() {
        String personId = newPerson("1980-05-01");
        ResponseEntity<JsonNode> again = post("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"1980-05-01","ethnicity":"X","sentenceType":"NONE",
                 "region":"r","location":{"type":"COMMUNITY","code":"LDN"}}""".formatted(personId));
        assertProblem(again, HttpStatus.CONFLICT, "ALREADY_EXISTS");
    }

    @Test
    void wrongContentTypeIsRefusedWithAProblem() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> response = http.postForEntity("/api/people", new HttpEntity<>("hello", headers), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getBody().path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    private static List<EventEnvelope> consumeUntil(String key, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<EventEnvelope> found = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.partitionsFor(TOPIC, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
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
