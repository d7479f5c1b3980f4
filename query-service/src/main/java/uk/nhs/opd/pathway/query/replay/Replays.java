package uk.nhs.opd.pathway.query.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.JourneyRows;
import uk.nhs.opd.pathway.query.projection.ProjectionConsumer;
import uk.nhs.opd.pathway.query.projection.ProjectionProperties;

/** Runs rebuilds one at a time in the background and remembers how each went. */
@Component
class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    enum Status { RUNNING, COMPLETED, FAILED }

    /** A rebuild as the API reports it. */
    record Replay(String replayId, Status status, long eventsApplied, long eventsTotal, Instant startedAt,
                  Instant finishedAt, String error) {
    }

    private record Run(String replayId, Rebuild.Progress progress, Instant startedAt, Status status, Instant finishedAt,
                       String error) {
        Replay view() {
            return new Replay(replayId, status, progress.eventsApplied.get(), progress.eventsTotal.get(), startedAt,
                    finishedAt, error);
        }
    }

    private final Rebuild rebuild;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "projection-rebuild"));

    Replays(DataSource dataSource, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            ProjectionProperties properties, RebuildProperties rebuildProperties, List<JourneyRows> journeyTables,
            ProjectionConsumer consumer) {
        this.rebuild = new Rebuild(dataSource, bootstrapServers, properties, rebuildProperties, journeyTables, consumer);
    }

    /** Starts a rebuild, unless one is running (then empty). */
    synchronized Optional<String> start() {
        if (runs.values().stream().anyMatch(run -> run.status() == Status.RUNNING)) {
            return Optional.empty();
        }
        String replayId = UUID.randomUUID().toString();
        Rebuild.Progress progress = new Rebuild.Progress();
        runs.put(replayId, new Run(replayId, progress, Instant.now(), Status.RUNNING, null, null));
        worker.submit(() -> {
            try {
                rebuild.run(progress);
                finish(replayId, Status.COMPLETED, null);
            } catch (Exception | Error e) {
                log.error("Rebuild {} failed; the live projections are untouched", replayId, e);
                finish(replayId, Status.FAILED, e.getClass().getSimpleName());
            }
        });
        return Optional.of(replayId);
    }

    Optional<Replay> find(String replayId) {
        return Optional.ofNullable(runs.get(replayId)).map(Run::view);
    }

    private void finish(String replayId, Status status, String error) {
        runs.computeIfPresent(replayId, (id, run) -> new Run(id, run.progress(), run.startedAt(), status, Instant.now(), error));
    }
}
