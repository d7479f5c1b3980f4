package uk.nhs.opd.pathway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Retries and races over HTTP: the same key never stores twice, the last place is given once, If-Match holds. */
class IdempotencyAndConcurrencyIT extends ApiTestSupport {

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndStoresNothingNew() {
        String personId = newPerson("1980-05-01");
        String body = """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"HIGH"}""";
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        ResponseEntity<JsonNode> first = post("/api/people/" + personId + "/screenings", body, key);
        ResponseEntity<JsonNode> retry = post("/api/people/" + personId + "/screenings", body, key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(storedEvents(personId)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOnceAndAllGetTheSameEvent() throws Exception {
        String personId = newPerson("1980-05-01");
        screenIn(personId);
        String serviceId = newService("MEN");
        String body = """
                {"serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true}""".formatted(serviceId);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        List<ResponseEntity<JsonNode>> answers = race(8, () -> post("/api/people/" + personId + "/referrals", body, key));

        assertThat(answers).extracting(a -> a.getBody().path("eventId").asText()).containsOnly(
                answers.get(0).getBody().path("eventId").asText());
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CREATED).hasSize(1);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.OK).hasSize(7);
        assertThat(storedEvents(personId)).isEqualTo(3);
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        String personId = newPerson("1980-05-01");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        assertCreated(post("/api/people/" + personId + "/formulations", "{\"level\":2}", key));

        ResponseEntity<JsonNode> reused = post("/api/people/" + personId + "/formulations", "{\"level\":3}", key);

        assertProblem(reused, HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEvents(personId)).isEqualTo(2);
    }

    @Test
    void aRefusedCommandDoesNotUseUpItsKey() {
        String personId = newPerson("1980-05-01");
        String serviceId = newService("MEN");
        String body = """
                {"referralId":"R-1","serviceId":"%s","source":"SELF","offenderManagerSupports":true}""".formatted(serviceId);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        assertProblem(post("/api/people/" + personId + "/referrals", body, key), HttpStatus.UNPROCESSABLE_ENTITY, "NOT_SCREENED_IN");

        screenIn(personId);

        assertCreated(post("/api/people/" + personId + "/referrals", body, key));
    }

    @Test
    void twoConcurrentAdmissionsForTheLastPlaceDoNotBothSucceed() throws Exception {
        for (int round = 0; round < 3; round++) {
            String serviceId = newService("MEN", "TREATMENT", "CUSTODY", 1);
            String first = acceptedFor(serviceId, "R-a");
            String second = acceptedFor(serviceId, "R-b");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CompletableFuture<ResponseEntity<JsonNode>> a = CompletableFuture.supplyAsync(() -> await(start, () -> admit(first, "R-a")), pool);
            CompletableFuture<ResponseEntity<JsonNode>> b = CompletableFuture.supplyAsync(() -> await(start, () -> admit(second, "R-b")), pool);
            start.countDown();
            List<ResponseEntity<JsonNode>> answers = List.of(a.get(), b.get());
            pool.shutdown();

            assertThat(answers).filteredOn(r -> r.getStatusCode() == HttpStatus.CREATED).hasSize(1);
            ResponseEntity<JsonNode> refused = answers.stream().filter(r -> r.getStatusCode() != HttpStatus.CREATED).findFirst().orElseThrow();
            assertProblem(refused, HttpStatus.CONFLICT, "SERVICE_AT_CAPACITY");
            assertThat(jdbc.sql("SELECT occupied FROM service_catalog WHERE service_id = ?").param(serviceId)
                    .query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aFullServiceAdmitsWithAnOverrideReason() {
        String serviceId = newService("MEN", "TREATMENT", "CUSTODY", 0);
        String personId = acceptedFor(serviceId, "R-1");
        assertProblem(admit(personId, "R-1"), HttpStatus.CONFLICT, "SERVICE_AT_CAPACITY");

        assertCreated(post("/api/people/" + personId + "/admissions",
                "{\"referralId\":\"R-1\",\"capacityOverrideReason\":\"Agreed by the clinical lead\"}"));
    }

    @Test
    void ifMatchWithAnOldVersionIsAPreconditionFailure() {
        String personId = newPerson("1980-05-01");
        ResponseEntity<JsonNode> formulation = post("/api/people/" + personId + "/formulations", "{\"level\":1}",
                Map.of("If-Match", "\"0\""));
        assertCreated(formulation);
        assertThat(formulation.getHeaders().getETag()).isEqualTo("\"1\"");

        ResponseEntity<JsonNode> stale = post("/api/people/" + personId + "/formulations", "{\"level\":2}",
                Map.of("If-Match", "\"0\""));

        assertProblem(stale, HttpStatus.PRECONDITION_FAILED, "VERSION_MISMATCH");
        assertThat(stale.getBody().path("currentVersion").asLong()).isEqualTo(1);
        assertThat(storedEvents(personId)).isEqualTo(2);
    }

    private static <T> T await(CountDownLatch start, Supplier<T> call) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }

    private static List<ResponseEntity<JsonNode>> race(int callers, Supplier<ResponseEntity<JsonNode>> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> await(start, call), pool));
        }
        start.countDown();
        List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
        for (CompletableFuture<ResponseEntity<JsonNode>> c : calls) {
            answers.add(c.get());
        }
        pool.shutdown();
        return answers;
    }
}
