package uk.nhs.opd.pathway.query.journey;

import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.api.NotFound;

@RestController
@Validated
class JourneyController {

    private final JourneyRepository journeys;

    JourneyController(JourneyRepository journeys) {
        this.journeys = journeys;
    }

    @GetMapping("/api/people/{personId}/journey")
    JourneyView journey(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String personId) {
        return journeys.find(personId).orElseThrow(() -> new NotFound("PERSON_NOT_FOUND", "No person " + personId));
    }
}
