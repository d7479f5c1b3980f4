package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/** Crypto-shredding over HTTP: no personal data in clear in the store or on Kafka; erasure makes it unreadable. */
class PersonalDataIT extends ApiTestSupport {

    private ResponseEntity<JsonNode> readPersonalData(String personId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestInfrastructure.token("ADMIN"));
        return http.exchange("/api/admin/people/" + personId + "/personal-data", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> erase(String personId) {
        return post("/api/admin/people/" + personId + "/erasure", "{\"reason\":\"Data protection request\"}",
                Map.of("Authorization", "Bearer " + TestInfrastructure.token("ADMIN")));
    }

    @Test
    void personalDataIsSealedInTheStoreAndOnKafkaAndReadableByAnAdmin() {
        String personId = newPerson("1980-05-01");   // registered with CRN X123456
        assertCreated(post("/api/people/" + personId + "/identifiers", "{\"type\":\"NOMS\",\"value\":\"Z9876XY\"}"));

        List<byte[]> stored = jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(personId).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(stored).hasSize(2).allSatisfy(payload -> assertThat(new String(payload, StandardCharsets.UTF_8))
                .doesNotContain("X123456").doesNotContain("Z9876XY").doesNotContain("1980-05-01").contains("\"sealed\""));
        List<EventEnvelope> onKafka = consumeUntil(personId, 2);
        assertThat(onKafka).hasSize(2).allSatisfy(e -> assertThat(e.payload().toString())
                .doesNotContain("X123456").doesNotContain("Z9876XY").doesNotContain("1980-05-01"));
        assertThat(onKafka.get(0).payload().path("ageBand").asText()).isEqualTo("35-44");

        ResponseEntity<JsonNode> personal = readPersonalData(personId);
        assertThat(personal.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(personal.getBody().path("crn").asText()).isEqualTo("X123456");
        assertThat(personal.getBody().path("prisonNumber").asText()).isEqualTo("Z9876XY");
        assertThat(personal.getBody().path("dateOfBirth").asText()).isEqualTo("1980-05-01");
    }

    @Test
    void erasureDeletesTheKeySoNothingPersonalCanBeReadButThePathwayGoesOn() {
        String personId = newPerson("1980-05-01");

        assertCreated(erase(personId));

        assertProblem(readPersonalData(personId), HttpStatus.CONFLICT, "PERSONAL_DATA_ERASED");
        assertThat(jdbc.sql("SELECT count(*) FROM person_key WHERE person_id = ?").param(personId).query(Long.class).single()).isZero();
        screenIn(personId);
        assertProblem(post("/api/people/" + personId + "/identifiers", "{\"type\":\"CRN\",\"value\":\"X1\"}"),
                HttpStatus.CONFLICT, "PERSONAL_DATA_ERASED");
    }

    @Test
    void anErasureCannotBeRetracted() {
        String personId = newPerson("1980-05-01");
        ResponseEntity<JsonNode> erasure = erase(personId);
        assertCreated(erasure);
        long before = storedEvents(personId);

        ResponseEntity<JsonNode> retraction = post("/api/people/" + personId + "/corrections",
                "{\"eventId\":\"" + erasure.getBody().path("eventId").asText() + "\",\"reason\":\"mistake\"}");

        assertProblem(retraction, HttpStatus.CONFLICT, "EVENT_NOT_RETRACTABLE");
        assertThat(storedEvents(personId)).isEqualTo(before);
        assertProblem(readPersonalData(personId), HttpStatus.CONFLICT, "PERSONAL_DATA_ERASED");
    }

    @Test
    void onlyAnAdminMayEraseOrReadPersonalData() {
        String personId = newPerson("1980-05-01");
        assertProblem(post("/api/admin/people/" + personId + "/erasure", "{\"reason\":\"x\"}"), HttpStatus.FORBIDDEN, "FORBIDDEN");
        HttpHeaders reader = new HttpHeaders();
        reader.setBearerAuth(TestInfrastructure.token("READER"));
        assertThat(http.exchange("/api/admin/people/" + personId + "/personal-data", HttpMethod.GET, new HttpEntity<>(reader),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
