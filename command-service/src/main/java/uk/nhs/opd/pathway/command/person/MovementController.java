package uk.nhs.opd.pathway.command.person;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.command.person.PersonController.LocationRequest;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/** Moves between settings: transitions, releases, recalls (API.md). */
@RestController
@Validated
class MovementController {

    private final PersonCommands commands;

    MovementController(PersonCommands commands) {
        this.commands = commands;
    }

    record TransitionRequest(@NotNull TransitionKind kind, @NotNull @Valid LocationRequest toLocation,
                             @Pattern(regexp = Ids.PATTERN) String toReferralId, Instant occurredAt) {
    }

    record ReleaseRequest(@NotNull ReleaseType releaseType, @NotNull @Valid LocationRequest toLocation, Instant occurredAt) {
    }

    record RecallRequest(@NotNull @Valid LocationRequest toLocation, @NotBlank @Size(max = 2000) String reason,
                         Instant occurredAt) {
    }

    @PostMapping("/api/people/{personId}/transitions")
    ResponseEntity<CommandResponse> transition(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody TransitionRequest request) {
        return commands.send(new TransitionPersonCommand(personId, request.kind(), request.toLocation().toLocation(),
                request.toReferralId(), commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/releases")
    ResponseEntity<CommandResponse> release(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ReleaseRequest request) {
        return commands.send(new ReleasePersonCommand(personId, request.releaseType(), request.toLocation().toLocation(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/recalls")
    ResponseEntity<CommandResponse> recall(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody RecallRequest request) {
        return commands.send(new RecallPersonCommand(personId, request.toLocation().toLocation(), request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }
}
