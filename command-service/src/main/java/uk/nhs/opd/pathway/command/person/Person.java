package uk.nhs.opd.pathway.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.service.ServiceCatalog;
import uk.nhs.opd.pathway.command.service.ServiceCatalog.CatalogEntry;
import uk.nhs.opd.pathway.command.time.BusinessTime;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;

/**
 * One person on the OPD pathway: the consistency boundary for every rule about their screening, referrals,
 * placements and moves. Command handlers check and apply; event sourcing handlers only assign state.
 */
@Aggregate
class Person {

    static final int MINIMUM_AGE = 18;

    @AggregateIdentifier
    private String personId;
    private Pathway pathway;
    private Instant registeredAt;
    private ScreeningOutcome screening;
    /** Open referrals by service id → referral id. */
    private final Map<String, String> openReferralByService = new HashMap<>();
    private final Map<String, String> serviceByReferral = new HashMap<>();

    Person() {
        // Axon rebuilds the aggregate from its events.
    }

    @CommandHandler
    Person(RegisterPersonCommand command, Clock clock) {
        BusinessTime.requireNotInFuture(command.occurredAt(), clock);
        LocalDate dateOfBirth = command.personal().dateOfBirth();
        LocalDate eventDate = command.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        if (dateOfBirth.plusYears(MINIMUM_AGE).isAfter(eventDate)) {
            throw new RuleViolation(ErrorCode.UNDER_AGE,
                    "Cannot register: the person is under " + MINIMUM_AGE + " on " + eventDate);
        }
        if (command.pathway() == Pathway.ALL) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "A person is on the MEN or the WOMEN pathway, not ALL",
                    Map.of("errors", List.of(Map.of("field", "pathway", "message", "must be MEN or WOMEN"))));
        }
        this.personId = command.personId(); // so the creation event is stamped with its stream id
        apply(new PersonRegistered(command.pathway(), command.ethnicity(), command.sentenceType(),
                        command.tariffExpiryDate(), command.earliestReleaseDate(), command.region(), command.location(),
                        command.personal()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(ScreenPersonCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        List<String> unanswered = ScreeningCriteria.unanswered(pathway, command.criteria());
        if (!unanswered.isEmpty()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED,
                    "Screening on the " + pathway + " pathway needs an answer to every criterion",
                    Map.of("errors", unanswered.stream()
                            .map(field -> Map.of("field", field, "message", "must be true or false")).toList()));
        }
        ScreeningOutcome outcome = ScreeningCriteria.outcome(pathway, command.criteria(), command.overrideJustification());
        String justification = outcome == ScreeningOutcome.SCREENED_IN_BY_OVERRIDE ? command.overrideJustification() : null;
        apply(new PersonScreened(command.criteria(), command.riskOfSeriousHarm(), outcome, justification),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(MakeReferralCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        if (screening == null || !screening.allowsReferral()) {
            throw new RuleViolation(ErrorCode.NOT_SCREENED_IN, "Cannot refer: person " + personId + " is "
                    + (screening == null ? "not screened" : screening));
        }
        if (!command.offenderManagerSupports()) {
            throw new RuleViolation(ErrorCode.OFFENDER_MANAGER_SUPPORT_REQUIRED,
                    "Cannot refer: the offender manager must support every referral");
        }
        CatalogEntry service = services.find(command.serviceId()).orElseThrow(() ->
                new RuleViolation(ErrorCode.SERVICE_NOT_FOUND, "No service " + command.serviceId()));
        if (!service.takes(pathway)) {
            throw new RuleViolation(ErrorCode.PATHWAY_MISMATCH, "Cannot refer: service " + command.serviceId()
                    + " is on the " + service.pathway() + " pathway and person " + personId + " on " + pathway);
        }
        String open = openReferralByService.get(command.serviceId());
        if (open != null) {
            throw new RuleViolation(ErrorCode.DUPLICATE_OPEN_REFERRAL, "Cannot refer: person " + personId
                    + " already has open referral " + open + " to service " + command.serviceId(),
                    Map.of("existingReferralId", open));
        }
        if (serviceByReferral.containsKey(command.referralId())) {
            throw new RuleViolation(ErrorCode.ALREADY_EXISTS, "Referral " + command.referralId() + " already exists");
        }
        apply(new ReferralMade(command.referralId(), command.serviceId(), command.source(),
                        command.offenderManagerSupports(), command.reason(), command.failedOtherInterventions()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    private void requireValidTime(Instant occurredAt, Clock clock) {
        BusinessTime.requireNotInFuture(occurredAt, clock);
        BusinessTime.requireNotBefore(occurredAt, registeredAt, personId);
    }

    @EventSourcingHandler
    void on(PersonRegistered event, @SourceId String personId,
            @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt) {
        this.personId = personId;
        this.pathway = event.pathway();
        this.registeredAt = Instant.parse(occurredAt);
    }

    @EventSourcingHandler
    void on(PersonScreened event) {
        this.screening = event.outcome();
    }

    @EventSourcingHandler
    void on(ReferralMade event) {
        openReferralByService.put(event.serviceId(), event.referralId());
        serviceByReferral.put(event.referralId(), event.serviceId());
    }
}
