package uk.nhs.opd.pathway.command.person;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.command.api.StoredEvents;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;

/** The person commands of API.md: validates the shape of each request and sends it to the {@link Person}. */
@RestController
@Validated
class PersonController {

    private static final String CODE = "[A-Za-z0-9 ._-]{1,64}";

    private final Commands commands;
    private final Clock clock;

    PersonController(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
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
            @Pattern(regexp = "[A-Za-z0-9]{1,16}") String crn,
            @Pattern(regexp = "[A-Za-z0-9]{1,16}") String prisonNumber,
            Instant occurredAt) {
    }

    record ScreeningRequest(
            @NotNull @Valid ScreeningAnswers criteria,
            @NotNull RiskLevel riskOfSeriousHarm,
            @Size(max = 2000) String overrideJustification,
            Instant occurredAt) {
    }

    record ReferralRequest(
            @Pattern(regexp = Ids.PATTERN) String referralId,
            @NotBlank @Pattern(regexp = Ids.PATTERN) String serviceId,
            @NotNull ReferralSource source,
            @NotNull Boolean offenderManagerSupports,
            @Size(max = 2000) String reason,
            Boolean failedOtherInterventions,
            Instant occurredAt) {
    }

    @PostMapping("/api/people")
    @ResponseStatus(HttpStatus.CREATED)
    CommandResponse register(@Valid @RequestBody RegisterPersonRequest request) {
        String personId = request.personId() != null ? request.personId() : "P-" + UUID.randomUUID();
        StoredEvents stored = commands.send(new RegisterPersonCommand(personId, request.pathway(), request.ethnicity(),
                request.sentenceType(), request.tariffExpiryDate(), request.earliestReleaseDate(), request.region(),
                request.location().toLocation(),
                new PersonalDetails(request.dateOfBirth(), request.crn(), request.prisonNumber()),
                occurredAt(request.occurredAt())));
        return answer(personId, null, stored);
    }

    @PostMapping("/api/people/{personId}/screenings")
    @ResponseStatus(HttpStatus.CREATED)
    CommandResponse screen(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
                           @Valid @RequestBody ScreeningRequest request) {
        StoredEvents stored = commands.send(new ScreenPersonCommand(personId, request.criteria(),
                request.riskOfSeriousHarm(), request.overrideJustification(), occurredAt(request.occurredAt())));
        return answer(personId, null, stored);
    }

    @PostMapping("/api/people/{personId}/referrals")
    @ResponseStatus(HttpStatus.CREATED)
    CommandResponse refer(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
                          @Valid @RequestBody ReferralRequest request) {
        String referralId = request.referralId() != null ? request.referralId() : "R-" + UUID.randomUUID();
        StoredEvents stored = commands.send(new MakeReferralCommand(personId, referralId, request.serviceId(),
                request.source(), request.offenderManagerSupports(), request.reason(),
                Boolean.TRUE.equals(request.failedOtherInterventions()), occurredAt(request.occurredAt())));
        return answer(personId, referralId, stored);
    }

    private Instant occurredAt(Instant requested) {
        return requested != null ? requested : clock.instant();
    }

    private static CommandResponse answer(String personId, String referralId, StoredEvents stored) {
        return new CommandResponse(personId, null, referralId, stored.last().getIdentifier(),
                stored.last().getSequenceNumber());
    }
}
