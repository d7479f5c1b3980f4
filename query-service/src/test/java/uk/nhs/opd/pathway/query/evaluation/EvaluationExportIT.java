package uk.nhs.opd.pathway.query.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
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
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;
import uk.nhs.opd.pathway.query.journey.JourneyFoldTest;

/** The evaluators' export: pseudonymised, without personal parts, checksummed, reproducible, EVALUATOR only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationExportIT {

    private static final String TOPIC = "pathway.events.export-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("evaluation_export_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.projections.topic", () -> TOPIC);
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

    private ResponseEntity<String> get(String path, String role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestInfrastructure.token(role));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void theExportIsPseudonymisedChecksummedAndTheSameEachTime() throws Exception {
        List<EventEnvelope> events = JourneyFoldTest.multiYear().envelopes();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(e -> producer.send(new ProducerRecord<>(TOPIC, e.streamId(), EventJson.write(e))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT coalesce(sum(event_count), 0) FROM person_history").query(Long.class).single() == events.size());

        ResponseEntity<String> export = get("/api/evaluation/events", "EVALUATOR");

        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = export.getBody();
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(events.size() + 1);
        assertThat(body).doesNotContain("P-1").doesNotContain("personal").doesNotContain("sealed")
                .doesNotContain("\"actor\"").contains("PSN-").contains("\"ageBand\":\"25-34\"")
                .doesNotContain("R-tc").doesNotContain("R-pipe").doesNotContain("R-day").contains("\"referralId\":\"REF-");
        JsonNode checksum = EventJson.mapper().readTree(lines.get(lines.size() - 1)).path("checksum");
        String content = body.substring(0, body.length() - lines.get(lines.size() - 1).length() - 1);
        assertThat(checksum.path("value").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))));
        assertThat(checksum.path("events").asLong()).isEqualTo(events.size());
        assertThat(get("/api/evaluation/events", "EVALUATOR").getBody()).isEqualTo(body);
        List<String> freeText = events.stream().flatMap(e -> EvaluationRedaction.FREE_TEXT
                        .getOrDefault(e.type(), java.util.Set.of()).stream().map(field -> e.payload().path(field)))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
        assertThat(freeText).as("the scenario has free text to withhold").isNotEmpty();
        freeText.forEach(text -> assertThat(body).doesNotContain("\"" + text + "\""));
        assertThat(body).contains(EvaluationRedaction.WITHHELD);

        String csv = get("/api/evaluation/journeys.csv", "EVALUATOR").getBody();
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv).contains("PSN-").doesNotContain("P-1,").contains("\"25-34\"");
    }

    @Test
    void onlyEvaluatorsMayExport() {
        assertThat(get("/api/evaluation/events", "READER").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/evaluation/events", "ADMIN").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/people/P-1/journey", "EVALUATOR").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
