package uk.nhs.opd.pathway.query.replay;

import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.api.NotFound;
import uk.nhs.opd.pathway.support.Problems;

/** {@code POST /api/admin/replays} starts a rebuild of every projection; {@code GET .../{id}} follows it (ADMIN). */
@RestController
@Validated
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/api/admin/replays")
    ResponseEntity<Object> start() {
        return replays.start()
                .<ResponseEntity<Object>>map(id -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayId", id)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                        "REPLAY_RUNNING", "A rebuild is already running")));
    }

    @GetMapping("/api/admin/replays/{replayId}")
    Replays.Replay replay(@PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String replayId) {
        return replays.find(replayId).orElseThrow(() -> new NotFound("REPLAY_NOT_FOUND", "No replay " + replayId));
    }
}
