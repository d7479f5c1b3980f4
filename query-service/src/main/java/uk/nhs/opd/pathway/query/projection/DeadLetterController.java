package uk.nhs.opd.pathway.query.projection;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.api.NotFound;

/**
 * Operators' view of parked events: list them, retry one (after a fix), or skip one for good. Either way the
 * events held behind it in its stream then apply in order.
 */
@RestController
@Validated
class DeadLetterController {

    private static final String STREAM_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final DeadLetters deadLetters;
    private final ProjectionApplier applier;

    DeadLetterController(DeadLetters deadLetters, ProjectionApplier applier) {
        this.deadLetters = deadLetters;
        this.applier = applier;
    }

    @GetMapping("/api/admin/dead-letters")
    Map<String, List<DeadLetters.Parked>> list() {
        return Map.of("deadLetters", deadLetters.list());
    }

    @PostMapping("/api/admin/dead-letters/{streamId}/{sequence}/retry")
    Map<String, String> retry(@PathVariable @Pattern(regexp = STREAM_ID) String streamId, @PathVariable @Min(0) long sequence) {
        requireParked(streamId, sequence);
        return Map.of("outcome", applier.retryParked(streamId, sequence) ? "APPLIED" : "PARKED_AGAIN");
    }

    @PostMapping("/api/admin/dead-letters/{streamId}/{sequence}/skip")
    Map<String, String> skip(@PathVariable @Pattern(regexp = STREAM_ID) String streamId, @PathVariable @Min(0) long sequence) {
        requireParked(streamId, sequence);
        applier.skipParked(streamId, sequence);
        return Map.of("outcome", "SKIPPED");
    }

    private void requireParked(String streamId, long sequence) {
        boolean parked = deadLetters.list().stream().anyMatch(p -> p.streamId().equals(streamId) && p.sequence() == sequence);
        if (!parked) {
            throw new NotFound("DEAD_LETTER_NOT_FOUND", "No parked event " + sequence + " of stream " + streamId);
        }
    }
}
