package uk.nhs.opd.pathway.query.journey;

import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.api.NotFound;

/** {@code GET /api/people/{id}/journey[?asOf=&knownAt=]}: folded from the person's events on each read. */
@RestController
@Validated
class JourneyController {

    private final PersonEvents events;
    private final Clock clock;

    JourneyController(PersonEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @GetMapping("/api/people/{personId}/journey")
    Journey journey(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String personId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt) {
        Journey journey = JourneyFold.fold(personId, events.of(personId), new JourneyFold.View(asOf, knownAt, clock.instant()));
        if (journey == null) {
            throw new NotFound("PERSON_NOT_FOUND", "No person " + personId
                    + (asOf != null || knownAt != null ? " in that view" : ""));
        }
        return journey;
    }
}
