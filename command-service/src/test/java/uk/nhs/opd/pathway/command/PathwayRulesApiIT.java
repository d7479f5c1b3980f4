package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Each class of refusal over HTTP, and corrections by retraction, with nothing stored for a refusal. */
class PathwayRulesApiIT extends ApiTestSupport {

    @Test
    void unknownReferralIsNotFound() {
        String personId = newPerson("1980-05-01");
        assertProblem(post("/api/people/" + personId + "/referrals/R-none/decision", "{\"outcome\":\"ACCEPTED\"}"),
                HttpStatus.NOT_FOUND, "REFERRAL_NOT_FOUND");
    }

    @Test
    void admittingFromAReferralAwaitingDecisionIsAConflictNamingItsState() {
        String serviceId = newService("MEN");
        String personId = newPerson("1980-05-01");
        screenIn(personId);
        assertCreated(post("/api/people/" + personId + "/referrals", """
                {"referralId":"R-12","serviceId":"%s","source":"SELF","offenderManagerSupports":true}""".formatted(serviceId)));
        assertCreated(post("/api/people/" + personId + "/referrals/R-12/decision", "{\"outcome\":\"REJECTED\",\"reason\":\"no\"}"));
        long before = storedEvents(personId);

        ResponseEntity<JsonNode> admission = admit(personId, "R-12");

        assertProblem(admission, HttpStatus.CONFLICT, "REFERRAL_STATE_CONFLICT");
        assertThat(admission.getBody().path("detail").asText()).isEqualTo("Cannot admit: referral R-12 is REJECTED");
        assertThat(storedEvents(personId)).isEqualTo(before);
    }

    @Test
    void releaseFromTheCommunityIsARuleViolation() {
        String personId = newPerson("1980-05-01");
        assertCreated(post("/api/people/" + personId + "/releases",
                "{\"releaseType\":\"LICENCE\",\"toLocation\":{\"type\":\"COMMUNITY\",\"code\":\"DURHAM\"}}"));
        assertProblem(post("/api/people/" + personId + "/releases",
                        "{\"releaseType\":\"LICENCE\",\"toLocation\":{\"type\":\"COMMUNITY\",\"code\":\"DURHAM\"}}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "LOCATION_RULE");
    }

    @Test
    void formulationLevelOutsideOneToThreeIsInvalid() {
        String personId = newPerson("1980-05-01");
        ResponseEntity<JsonNode> response = post("/api/people/" + personId + "/formulations", "{\"level\":4}");
        assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("level");
    }

    @Test
    void anAdmissionDatedBeforeItsAcceptanceIsRefused() {
        String serviceId = newService("MEN");
        String personId = acceptedFor(serviceId, "R-1");
        long before = storedEvents(personId);

        ResponseEntity<JsonNode> admission = post("/api/people/" + personId + "/admissions",
                "{\"referralId\":\"R-1\",\"occurredAt\":\"2024-06-01T00:00:00Z\"}");

        assertProblem(admission, HttpStatus.UNPROCESSABLE_ENTITY, "OCCURRED_OUT_OF_ORDER");
        assertThat(admission.getBody().path("detail").asText())
                .startsWith("occurredAt 2024-06-01T00:00:00Z is before referral R-1 became ACCEPTED");
        assertThat(storedEvents(personId)).isEqualTo(before);
    }

    @Test
    void anOccurrenceInTheFutureIsRefused() {
        String personId = newPerson("1980-05-01");
        assertProblem(post("/api/people/" + personId + "/formulations", "{\"level\":3,\"occurredAt\":\"2999-01-01T00:00:00Z\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "OCCURRED_IN_FUTURE");
    }

    @Test
    void nothingIsAcceptedAfterAnExit() {
        String personId = newPerson("1980-05-01");
        assertCreated(post("/api/people/" + personId + "/exit", "{\"reason\":\"Licence ended\"}"));
        assertProblem(post("/api/people/" + personId + "/formulations", "{\"level\":3}"), HttpStatus.CONFLICT, "PATHWAY_EXITED");
    }

    @Test
    void retractingAMistakenAdmissionClosesThePlacementAndFreesThePlace() {
        String serviceId = newService("MEN", "TREATMENT", "CUSTODY", 1);
        String mistaken = acceptedFor(serviceId, "R-1");
        String admissionEventId = admit(mistaken, "R-1").getBody().path("eventId").asText();
        String waiting = acceptedFor(serviceId, "R-2");
        assertProblem(admit(waiting, "R-2"), HttpStatus.CONFLICT, "SERVICE_AT_CAPACITY");

        ResponseEntity<JsonNode> retraction = post("/api/people/" + mistaken + "/corrections",
                "{\"eventId\":\"" + admissionEventId + "\",\"reason\":\"Recorded against the wrong person\"}");

        assertCreated(retraction);
        assertProblem(post("/api/people/" + mistaken + "/completions", "{\"serviceId\":\"" + serviceId + "\"}"),
                HttpStatus.CONFLICT, "PLACEMENT_NOT_OPEN");
        assertCreated(admit(waiting, "R-2"));
        assertProblem(post("/api/people/" + mistaken + "/corrections",
                        "{\"eventId\":\"" + admissionEventId + "\",\"reason\":\"again\"}"),
                HttpStatus.CONFLICT, "EVENT_NOT_RETRACTABLE");
    }

    @Test
    void retractingAnUnknownEventIsNotFound() {
        String personId = newPerson("1980-05-01");
        assertProblem(post("/api/people/" + personId + "/corrections",
                        "{\"eventId\":\"00000000-0000-0000-0000-000000000009\",\"reason\":\"x\"}"),
                HttpStatus.NOT_FOUND, "EVENT_NOT_FOUND");
    }

    @Test
    void capacityCanBeChanged() {
        String serviceId = newService("MEN", "TREATMENT", "CUSTODY", 0);
        String personId = acceptedFor(serviceId, "R-1");
        ResponseEntity<JsonNode> changed = put("/api/services/" + serviceId + "/capacity", "{\"capacity\":1}");
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().path("version").asLong()).isEqualTo(1);
        assertCreated(admit(personId, "R-1"));
    }
}
