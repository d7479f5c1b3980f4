package uk.nhs.opd.pathway.command.person;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.api.StoredEvents;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;

/** What every person endpoint does with a validated request: default the time, honour If-Match, answer 201. */
@Component
class PersonCommands {

    private final Commands commands;
    private final Clock clock;

    PersonCommands(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Business time of a command: as given, or now. */
    Instant occurredAt(Instant requested) {
        return requested != null ? requested : clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    ResponseEntity<CommandResponse> send(PersonCommand command, String ifMatch) {
        return send(command, ifMatch, null);
    }

    /** Sends the command; the answer carries the new version, also as the {@code ETag} for a later If-Match. */
    ResponseEntity<CommandResponse> send(PersonCommand command, String ifMatch, String createdReferralId) {
        StoredEvents stored = commands.send(command, expectedVersion(ifMatch));
        long version = stored.last().getSequenceNumber();
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + version + "\"")
                .body(new CommandResponse(command.personId(), null, createdReferralId, stored.last().getIdentifier(), version));
    }

    /** {@code If-Match: "3"} (or W/"3", or 3) → 3; absent or {@code *} → no expectation. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "If-Match must be a person version such as \"3\"",
                    Map.of("errors", List.of(Map.of("field", "If-Match", "message", "must be a version number"))));
        }
    }
}
