package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/**
 * One running command-service (shared by every subclass, so Spring starts it once) over a real PostgreSQL and a
 * real Kafka broker, with helpers that speak the HTTP contract of API.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestSupport {

    static final String TOPIC = "pathway.events.command-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("command_api_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.relay.topic", () -> TOPIC);
        registry.add("pathway.relay.partitions", () -> "3");
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    ResponseEntity<JsonNode> post(String path, String body) {
        return post(path, body, Map.of());
    }

    ResponseEntity<JsonNode> post(String path, String body, Map<String, String> headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        httpHeaders.setContentType(MediaType.APPLICATION_JSON);
        httpHeaders.setBearerAuth(TestInfrastructure.token("WRITER"));
        headers.forEach(httpHeaders::set);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, httpHeaders), JsonNode.class);
    }

    ResponseEntity<JsonNode> put(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestInfrastructure.token("WRITER"));
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }

    static void assertCreated(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    }

    String newService(String pathway) {
        return newService(pathway, "TREATMENT", "CUSTODY", 80);
    }

    String newService(String pathway, String type, String setting, int capacity) {
        String id = "S-" + UUID.randomUUID();
        assertCreated(post("/api/services", """
                {"serviceId":"%s","name":"Service %s","type":"%s","setting":"%s","pathway":"%s",
                 "region":"NORTH_EAST","capacity":%d}""".formatted(id, type, type, setting, pathway, capacity)));
        return id;
    }

    String newPerson(String dateOfBirth) {
        String id = "P-" + UUID.randomUUID();
        assertCreated(post("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"%s","ethnicity":"WHITE_BRITISH",
                 "sentenceType":"DETERMINATE","earliestReleaseDate":"2027-01-01","region":"NORTH_EAST",
                 "location":{"type":"PRISON","code":"FKI"},"crn":"X123456","occurredAt":"2024-01-10T10:00:00Z"}"""
                .formatted(id, dateOfBirth)));
        return id;
    }

    void screenIn(String personId) {
        assertCreated(post("/api/people/" + personId + "/screenings", """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"HIGH"}"""));
    }

    /** A screened-in person with an accepted referral to the service; returns the person id. */
    String acceptedFor(String serviceId, String referralId) {
        String personId = newPerson("1980-05-01");
        screenIn(personId);
        assertCreated(post("/api/people/" + personId + "/referrals", """
                {"referralId":"%s","serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true}"""
                .formatted(referralId, serviceId)));
        assertCreated(post("/api/people/" + personId + "/referrals/" + referralId + "/decision", "{\"outcome\":\"ACCEPTED\"}"));
        return personId;
    }

    ResponseEntity<JsonNode> admit(String personId, String referralId) {
        return post("/api/people/" + personId + "/admissions", "{\"referralId\":\"" + referralId + "\"}");
    }

    long storedEvents(String streamId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(streamId)
                .query(Long.class).single();
    }

    static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("code").asText()).isEqualTo(code);
        assertThat(response.getBody().path("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().path("detail").asText()).isNotBlank();
    }

    static List<EventEnvelope> consumeUntil(String key, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
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
