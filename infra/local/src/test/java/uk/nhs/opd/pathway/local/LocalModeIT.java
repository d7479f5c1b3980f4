package uk.nhs.opd.pathway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode as a newcomer uses it: it starts a real PostgreSQL, a real Kafka broker and both services, and what
 * was posted before a stop is still there after the next start.
 */
class LocalModeIT {

    @TempDir
    Path home;

    private LocalPlatform.Settings settings() throws Exception {
        return new LocalPlatform.Settings(home, Path.of("../..").toAbsolutePath().normalize(), freePort(), freePort(),
                freePort(), freePort(), freePort(), "pathway.events");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void dataPostedBeforeARestartIsStillThereAfterIt() throws Exception {
        LocalPlatform.Settings settings = settings();
        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            Scenario scenario = new Scenario(platform.commandUrl(), platform.tokens().get("writer"));
            scenario.registerService("S-local", "MEN");
            scenario.registerAndScreenIn("P-local");
            assertThat(scenario.refer("P-local", "R-local", "S-local").status()).isEqualTo(201);
        }

        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            Http http = new Http(platform.tokens().get("reader"));
            assertThat(java.nio.file.Files.readString(home.resolve("local-tokens.json"))).contains("\"evaluator\"");
            Instant deadline = Instant.now().plusSeconds(30);
            Http.Response journey = http.get(platform.queryUrl() + "/api/people/P-local/journey");
            while (journey.body().path("referrals").size() < 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                journey = http.get(platform.queryUrl() + "/api/people/P-local/journey");
            }
            assertThat(journey.status()).isEqualTo(200);
            assertThat(journey.body().path("referrals").get(0).path("referralId").asText()).isEqualTo("R-local");
            Http.Response again = new Scenario(platform.commandUrl(), platform.tokens().get("writer")).refer("P-local", "R-local-2", "S-local");
            assertThat(again.status()).isEqualTo(409);

            long[] demo = new uk.nhs.opd.pathway.local.synthetic.DemoData(platform.commandUrl(), platform.tokens().get("writer")).load(20);
            assertThat(demo[0]).isGreaterThan(demo[1] * 5);
            Instant demoDeadline = Instant.now().plusSeconds(30);
            Http.Response demoJourney = http.get(platform.queryUrl() + "/api/people/P-0000000/journey");
            while (demoJourney.status() != 200 && Instant.now().isBefore(demoDeadline)) {
                Thread.sleep(100);
                demoJourney = http.get(platform.queryUrl() + "/api/people/P-0000000/journey");
            }
            assertThat(demoJourney.status()).isEqualTo(200);
        }
    }
}
