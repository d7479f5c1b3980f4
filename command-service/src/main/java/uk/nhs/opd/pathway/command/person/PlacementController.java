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
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;

/** Placements: admission, de-selection, laydown end, completion (API.md). */
@RestController
@Validated
class PlacementController {

    private final PersonCommands commands;

    PlacementController(PersonCommands commands) {
        this.commands = commands;
    }

    record AdmissionRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String referralId,
                            @Size(max = 2000) String capacityOverrideReason, Instant occurredAt) {
    }

    record DeselectionRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String serviceId,
                              @NotNull DeselectionInitiator initiatedBy,
                              @NotNull DeselectionDisposition disposition,
                              @NotNull DeselectionReasonCategory reasonCategory,
                              DeselectionReason reasonCode,
                              @Size(max = 2000) String notes,
                              Instant occurredAt) {
    }

    record LaydownEndRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String serviceId, @NotNull LaydownOutcome outcome,
                             Instant occurredAt) {
    }

    record CompletionRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String serviceId, Instant occurredAt) {
    }

    @PostMapping("/api/people/{personId}/admissions")
    ResponseEntity<CommandResponse> admit(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody AdmissionRequest request) {
        return commands.send(new AdmitPersonCommand(personId, request.referralId(), request.capacityOverrideReason(),
                commands.occurredAt(request.occurredAt())), ifMatch, request.referralId());
    }

    @PostMapping("/api/people/{personId}/deselections")
    ResponseEntity<CommandResponse> deselect(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody DeselectionRequest request) {
        return commands.send(new DeselectPersonCommand(personId, request.serviceId(), request.initiatedBy(),
                request.disposition(), request.reasonCategory(), request.reasonCode(), request.notes(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/laydown-ends")
    ResponseEntity<CommandResponse> endLaydown(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody LaydownEndRequest request) {
        return commands.send(new EndLaydownCommand(personId, request.serviceId(), request.outcome(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/completions")
    ResponseEntity<CommandResponse> complete(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CompletionRequest request) {
        return commands.send(new CompletePlacementCommand(personId, request.serviceId(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }
}
