package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.nhs.opd.pathway.events.EventEnvelope;

/** The command side over HTTP, with a real PostgreSQL event store and a real Kafka broker behind it. */
class CommandApiIT extends ApiTestSupport {

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
        assertThat(personEvents.get(0).actor()).isEqualTo("test-writer");
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
        headers.setBearerAuth(uk.nhs.opd.pathway.infra.testing.TestInfrastructure.token("WRITER"));
        ResponseEntity<JsonNode> response = http.postForEntity("/api/people", new HttpEntity<>("hello", headers), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getBody().path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }


    @Test
    void aCallWithoutATokenIsUnauthorised() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> response = http.postForEntity("/api/people", new HttpEntity<>("{}", headers), JsonNode.class);
        assertProblem(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
    }

    @Test
    void aReaderMayNotPostCommands() {
        assertProblem(post("/api/people", "{}", java.util.Map.of("Authorization",
                "Bearer " + uk.nhs.opd.pathway.infra.testing.TestInfrastructure.token("READER"))), HttpStatus.FORBIDDEN, "FORBIDDEN");
    }

    @Test
    void aForgedTokenIsUnauthorised() {
        String forged = uk.nhs.opd.pathway.infra.testing.TestInfrastructure.token("WRITER").replaceAll(".{6}$", "AAAAAA");
        assertProblem(post("/api/people", "{}", java.util.Map.of("Authorization", "Bearer " + forged)),
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
    }

    @Test
    void theHealthProbeIsOpenButOtherActuatorEndpointsAreNot() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        ResponseEntity<JsonNode> response = post("/api/people", "{\"ethnicity\":\"" + "x".repeat(70_000) + "\"}");
        assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE");
    }
}
