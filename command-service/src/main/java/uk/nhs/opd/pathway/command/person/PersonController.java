package uk.nhs.opd.pathway.command.person;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;

/** Registration, identity, screening, formulation, exit and corrections of a person (API.md). */
@RestController
@Validated
class PersonController {

    static final String CODE = "[A-Za-z0-9 ._-]{1,64}";
    static final String IDENTIFIER = "[A-Za-z0-9]{1,16}";

    private final PersonCommands commands;

    PersonController(PersonCommands commands) {
        this.commands = commands;
    }

    record LocationRequest(@NotNull LocationType type, @NotBlank @Pattern(regexp = CODE) String code) {
        Location toLocation() {
            return new Location(type, code);
        }
    }

    record RegisterPersonRequest(
            @Pattern(regexp = Ids.PATTERN) String personId,
            @NotNull Pathway pathway,
            @NotNull @Past LocalDate dateOfBirth,
            @NotBlank @Size(max = 64) String ethnicity,
            @NotNull SentenceType sentenceType,
            LocalDate tariffExpiryDate,
            LocalDate earliestReleaseDate,
            @NotBlank @Size(max = 64) String region,
            @NotNull @Valid LocationRequest location,
            @Pattern(regexp = IDENTIFIER) String crn,
            @Pattern(regexp = IDENTIFIER) String prisonNumber,
            Instant occurredAt) {
    }

    record IdentifierRequest(@NotNull IdentifierType type, @NotBlank @Pattern(regexp = IDENTIFIER) String value,
                             Instant occurredAt) {
    }

    record ScreeningRequest(
            @NotNull @Valid ScreeningAnswers criteria,
            @NotNull RiskLevel riskOfSeriousHarm,
            @Size(max = 2000) String overrideJustification,
            Instant occurredAt) {
    }

    record FormulationRequest(@NotNull @Min(1) @Max(3) Integer level, Instant occurredAt) {
    }

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record CorrectionRequest(@NotNull UUID eventId, @NotBlank @Size(max = 2000) String reason, Instant occurredAt) {
    }

    @PostMapping("/api/people")
    ResponseEntity<CommandResponse> register(@Valid @RequestBody RegisterPersonRequest request) {
        String personId = request.personId() != null ? request.personId() : "P-" + UUID.randomUUID();
        return commands.send(new RegisterPersonCommand(personId, request.pathway(), request.ethnicity(),
                request.sentenceType(), request.tariffExpiryDate(), request.earliestReleaseDate(), request.region(),
                request.location().toLocation(),
                new PersonalDetails(request.dateOfBirth(), request.crn(), request.prisonNumber()),
                commands.occurredAt(request.occurredAt())), null);
    }

    @PostMapping("/api/people/{personId}/identifiers")
    ResponseEntity<CommandResponse> linkIdentifier(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody IdentifierRequest request) {
        return commands.send(new LinkIdentifierCommand(personId, request.type(), request.value(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/screenings")
    ResponseEntity<CommandResponse> screen(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ScreeningRequest request) {
        return commands.send(new ScreenPersonCommand(personId, request.criteria(), request.riskOfSeriousHarm(),
                request.overrideJustification(), commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/formulations")
    ResponseEntity<CommandResponse> formulate(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody FormulationRequest request) {
        return commands.send(new CompleteFormulationCommand(personId, request.level(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/exit")
    ResponseEntity<CommandResponse> exit(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ReasonRequest request) {
        return commands.send(new ExitPathwayCommand(personId, request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }

    @PostMapping("/api/people/{personId}/corrections")
    ResponseEntity<CommandResponse> retract(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CorrectionRequest request) {
        return commands.send(new RetractEventCommand(personId, request.eventId(), request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch);
    }
}
