package uk.nhs.opd.pathway.command.privacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.command.api.StoredEvents;
import uk.nhs.opd.pathway.command.person.ErasePersonalDataCommand;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.events.PersonIdentifierLinked;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;

/**
 * ADMIN only: erase a person's personal data, or read it (the one place it is opened), assembled from the sealed
 * parts of their registration and identifier events.
 */
@RestController
@Validated
class PersonalDataController {

    record ErasureRequest(@NotBlank @Size(max = 2000) String reason, Instant occurredAt) {
    }

    private final Commands commands;
    private final PersonalDataVault vault;
    private final EventStore events;
    private final Clock clock;

    PersonalDataController(Commands commands, PersonalDataVault vault, EventStore events, Clock clock) {
        this.commands = commands;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping("/api/admin/people/{personId}/erasure")
    ResponseEntity<CommandResponse> erase(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
                                          @Valid @RequestBody ErasureRequest request) {
        Instant occurredAt = request.occurredAt() != null ? request.occurredAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StoredEvents stored = commands.send(new ErasePersonalDataCommand(personId, request.reason(), occurredAt));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CommandResponse(personId, null, null,
                stored.last().getIdentifier(), stored.last().getSequenceNumber()));
    }

    @GetMapping("/api/admin/people/{personId}/personal-data")
    PersonalDetails read(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId) {
        LocalDate dateOfBirth = null;
        String crn = null;
        String prisonNumber = null;
        boolean registered = false;
        for (DomainEventMessage<?> message : events.readEvents(personId).asStream().toList()) {
            SealedPersonalData sealed = message.getPayload() instanceof PersonRegistered r ? r.personal()
                    : message.getPayload() instanceof PersonIdentifierLinked l ? l.personal() : null;
            registered |= message.getPayload() instanceof PersonRegistered;
            if (sealed == null) {
                continue;
            }
            PersonalDetails opened = vault.open(personId, sealed).orElseThrow(() -> new RuleViolation(
                    ErrorCode.PERSONAL_DATA_ERASED, "The personal data of person " + personId + " was erased"));
            dateOfBirth = opened.dateOfBirth() != null ? opened.dateOfBirth() : dateOfBirth;
            crn = opened.crn() != null ? opened.crn() : crn;
            prisonNumber = opened.prisonNumber() != null ? opened.prisonNumber() : prisonNumber;
        }
        if (!registered) {
            throw new RuleViolation(ErrorCode.PERSON_NOT_FOUND, "No person " + personId);
        }
        return new PersonalDetails(dateOfBirth, crn, prisonNumber);
    }
}
