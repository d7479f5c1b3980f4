package uk.nhs.opd.pathway.query.evaluation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyFold;
import uk.nhs.opd.pathway.query.journey.PersonEvents;

/** Pseudonymised history for evaluators (EVALUATOR role only): NDJSON events and a journeys CSV. */
@RestController
class EvaluationController {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EvaluationExport export;
    private final PersonEvents events;
    private final Pseudonyms pseudonyms;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    EvaluationController(EvaluationExport export, PersonEvents events, Pseudonyms pseudonyms, JdbcTemplate jdbc, Clock clock) {
        this.export = export;
        this.events = events;
        this.pseudonyms = pseudonyms;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The export; {@code X-Total-Events} says how many event lines to expect before the checksum line. */
    @GetMapping("/api/evaluation/events")
    ResponseEntity<StreamingResponseBody> events() {
        return ResponseEntity.ok().contentType(NDJSON).header("X-Total-Events", Long.toString(export.count()))
                .body(out -> export.write(out, written -> { }));
    }

    /** One row per person: where their journey stands, with the pseudonym as the only identifier. */
    @GetMapping(value = "/api/evaluation/journeys.csv", produces = "text/csv")
    StreamingResponseBody journeys() {
        return out -> {
            out.write(("pseudonym,pathway,region,ethnicity,ageBand,status,communityToCommunity,registeredAt,referrals,"
                    + "placements,completedPlacements,deselections,personalDataErased\n").getBytes(StandardCharsets.UTF_8));
            List<String> people = jdbc.queryForList("SELECT person_id FROM person_history ORDER BY first_recorded_at, person_id", String.class);
            for (String personId : people) {
                Journey journey = JourneyFold.fold(personId, events.of(personId), JourneyFold.View.current(clock.instant()));
                if (journey != null) {
                    out.write((csvLine(pseudonyms.of(personId), journey) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        };
    }

    private static String csvLine(String pseudonym, Journey journey) {
        return String.join(",", pseudonym, journey.pathway(), csv(journey.region()), csv(journey.ethnicity()),
                csv(journey.ageBand()),
                journey.status(), String.valueOf(journey.communityToCommunity()), journey.registeredAt().toString(),
                String.valueOf(journey.referrals().size()), String.valueOf(journey.placements().size()),
                String.valueOf(journey.placements().stream().filter(p -> "COMPLETED".equals(p.endReason())).count()),
                String.valueOf(journey.placements().stream().filter(p -> p.deselection() != null).count()),
                String.valueOf(journey.personalDataErased()));
    }

    /** Quotes a free-text field, and defuses spreadsheet formulas. */
    private static String csv(String value) {
        String safe = value == null ? "" : value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
