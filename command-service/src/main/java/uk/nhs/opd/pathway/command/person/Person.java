package uk.nhs.opd.pathway.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.person.PersonState.Placement;
import uk.nhs.opd.pathway.command.person.PersonState.PlacementStatus;
import uk.nhs.opd.pathway.command.person.PersonState.Recorded;
import uk.nhs.opd.pathway.command.person.PersonState.Referral;
import uk.nhs.opd.pathway.command.privacy.PersonalDataVault;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.service.ServiceCatalog;
import uk.nhs.opd.pathway.command.service.ServiceCatalog.CatalogEntry;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.command.time.BusinessTime;
import uk.nhs.opd.pathway.events.EventRetracted;
import uk.nhs.opd.pathway.events.FormulationCompleted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PathwayExited;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonEvent;
import uk.nhs.opd.pathway.events.PersonIdentifierLinked;
import uk.nhs.opd.pathway.events.PersonalDataErased;
import uk.nhs.opd.pathway.events.PersonRecalled;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonReleased;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.PersonTransitioned;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ReferralResumed;
import uk.nhs.opd.pathway.events.ReferralTransferred;
import uk.nhs.opd.pathway.events.ReferralWithdrawn;
import uk.nhs.opd.pathway.events.vocabulary.AgeBand;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.ReferralDecision;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/**
 * One person on the OPD pathway: the consistency boundary for every rule about their screening, referrals,
 * placements and moves (DESIGN.md §4). Command handlers check and apply; the state is folded from the events
 * that count ({@link PersonState}), so a retraction simply folds the history again without the mistaken event.
 */
@Aggregate
class Person {

    static final int MINIMUM_AGE = 18;

    @AggregateIdentifier
    private String personId;
    private String registrationEventId;
    /** The events that count, in order; a retraction removes one and the state is folded again. */
    private final List<Recorded> history = new ArrayList<>();
    private final Set<String> retracted = new HashSet<>();
    private PersonState state = new PersonState();

    Person() {
        // Axon rebuilds the aggregate from its events.
    }

    // ---- registration and identity -------------------------------------------------------------------------------

    @CommandHandler
    Person(RegisterPersonCommand command, PersonalDataVault vault, Clock clock) {
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
                        AgeBand.on(dateOfBirth, eventDate), vault.seal(command.personId(), command.personal())),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    /**
     * Nothing follows an exit (but erasure: a person who left the pathway may still have their data erased), and
     * If-Match (as command metadata) must name the current version.
     */
    @CommandHandlerInterceptor
    Object guard(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object expected = command.getMetaData().get(Commands.EXPECTED_VERSION);
        Long current = AggregateLifecycle.getVersion();
        if (expected != null && !Long.valueOf(expected.toString()).equals(current)) {
            throw new RuleViolation(ErrorCode.VERSION_MISMATCH, "Person " + personId + " is at version " + current
                    + ", not " + expected, Map.of("currentVersion", current));
        }
        if (state.exited && !(command.getPayload() instanceof ErasePersonalDataCommand)) {
            throw new RuleViolation(ErrorCode.PATHWAY_EXITED, "Person " + personId + " has exited the pathway: "
                    + "nothing can follow");
        }
        return chain.proceed();
    }

    @CommandHandler
    void handle(LinkIdentifierCommand command, PersonalDataVault vault, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requireNotErased("link an identifier");
        PersonalDetails personal = command.type() == IdentifierType.CRN
                ? new PersonalDetails(null, command.value(), null)
                : new PersonalDetails(null, null, command.value());
        apply(new PersonIdentifierLinked(command.type(), vault.seal(personId, personal)),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    /** Crypto-shredding: the key goes, and with it every sealed copy; the pathway facts stay. */
    @CommandHandler
    void handle(ErasePersonalDataCommand command, PersonalDataVault vault, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requireNotErased("erase");
        vault.erase(personId);
        apply(new PersonalDataErased(command.reason()), EventMetadata.occurredAt(command.occurredAt()));
    }

    private void requireNotErased(String verb) {
        if (state.erased) {
            throw new RuleViolation(ErrorCode.PERSONAL_DATA_ERASED, "Cannot " + verb + ": the personal data of person "
                    + personId + " was erased");
        }
    }

    // ---- screening and formulation -------------------------------------------------------------------------------

    @CommandHandler
    void handle(ScreenPersonCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        List<String> unanswered = ScreeningCriteria.unanswered(state.pathway, command.criteria());
        if (!unanswered.isEmpty()) {
            throw new RuleViolation(ErrorCode.VALIDATION_FAILED,
                    "Screening on the " + state.pathway + " pathway needs an answer to every criterion",
                    Map.of("errors", unanswered.stream()
                            .map(field -> Map.of("field", field, "message", "must be true or false")).toList()));
        }
        ScreeningOutcome outcome = ScreeningCriteria.outcome(state.pathway, command.criteria(), command.overrideJustification());
        String justification = outcome == ScreeningOutcome.SCREENED_IN_BY_OVERRIDE ? command.overrideJustification() : null;
        apply(new PersonScreened(command.criteria(), command.riskOfSeriousHarm(), outcome, justification),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(CompleteFormulationCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        apply(new FormulationCompleted(command.level()), EventMetadata.occurredAt(command.occurredAt()));
    }

    // ---- referrals -----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(MakeReferralCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        if (state.screening == null || !state.screening.allowsReferral()) {
            throw new RuleViolation(ErrorCode.NOT_SCREENED_IN, "Cannot refer: person " + personId + " is "
                    + (state.screening == null ? "not screened" : state.screening));
        }
        if (!command.offenderManagerSupports()) {
            throw new RuleViolation(ErrorCode.OFFENDER_MANAGER_SUPPORT_REQUIRED,
                    "Cannot refer: the offender manager must support every referral");
        }
        BusinessTime.requireFollows(command.occurredAt(), state.screenedAt, "the screening of person " + personId);
        requireReferrable(command.serviceId(), services, "refer");
        if (state.referrals.containsKey(command.referralId())) {
            throw new RuleViolation(ErrorCode.ALREADY_EXISTS, "Referral " + command.referralId() + " already exists");
        }
        apply(new ReferralMade(command.referralId(), command.serviceId(), command.source(),
                        command.offenderManagerSupports(), command.reason(), command.failedOtherInterventions()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(DecideReferralCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        String verb = command.outcome() == ReferralDecision.ACCEPTED ? "accept" : "reject";
        requireReferral(command.referralId(), command.occurredAt(), verb, ReferralStatus.MADE);
        apply(command.outcome() == ReferralDecision.ACCEPTED
                        ? new ReferralAccepted(command.referralId())
                        : new ReferralRejected(command.referralId(), command.reason()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(WithdrawReferralCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requireReferral(command.referralId(), command.occurredAt(), "withdraw",
                ReferralStatus.MADE, ReferralStatus.ACCEPTED, ReferralStatus.PAUSED);
        apply(new ReferralWithdrawn(command.referralId(), command.reason()), EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(PauseReferralCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        Referral referral = requireReferral(command.referralId(), command.occurredAt(), "pause",
                ReferralStatus.MADE, ReferralStatus.ACCEPTED);
        apply(new ReferralPaused(command.referralId(), command.reason(), referral.status()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(ResumeReferralCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        Referral referral = requireReferral(command.referralId(), command.occurredAt(), "resume", ReferralStatus.PAUSED);
        apply(new ReferralResumed(command.referralId(), referral.pausedFrom()), EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(TransferReferralCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requireReferral(command.referralId(), command.occurredAt(), "transfer",
                ReferralStatus.MADE, ReferralStatus.ACCEPTED, ReferralStatus.PAUSED);
        requireReferrable(command.toServiceId(), services, "transfer");
        if (state.referrals.containsKey(command.newReferralId())) {
            throw new RuleViolation(ErrorCode.ALREADY_EXISTS, "Referral " + command.newReferralId() + " already exists");
        }
        apply(new ReferralTransferred(command.referralId(), command.toServiceId(), command.newReferralId(), command.reason()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    // ---- placements ----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(AdmitPersonCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        Referral referral = requireReferral(command.referralId(), command.occurredAt(), "admit", ReferralStatus.ACCEPTED);
        CatalogEntry service = requireService(referral.serviceId(), services);
        requireAfterLastPlacementAt(service.serviceId(), command.occurredAt());
        requirePlaceFor(service, services, command.capacityOverrideReason(), null);
        apply(new PersonAdmitted(referral.referralId(), referral.serviceId(), blankToNull(command.capacityOverrideReason())),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(DeselectPersonCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        Placement placement = requirePlacement(command.serviceId(), command.occurredAt(), "de-select", PlacementStatus.ACTIVE);
        if (command.reasonCode() != null && command.reasonCode().allowsOnlyClosed()
                && command.disposition() != DeselectionDisposition.CLOSED) {
            throw new RuleViolation(ErrorCode.DISPOSITION_NOT_ALLOWED, "Cannot de-select with " + command.disposition()
                    + ": reason " + command.reasonCode() + " allows only CLOSED");
        }
        apply(new PersonDeselected(command.serviceId(), placement.referralId(), command.initiatedBy(), command.disposition(),
                        command.reasonCategory(), command.reasonCode(), command.notes()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(EndLaydownCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requirePlacement(command.serviceId(), command.occurredAt(), "end the laydown", PlacementStatus.LAYDOWN);
        apply(new LaydownEnded(command.serviceId(), command.outcome()), EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(CompletePlacementCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        requirePlacement(command.serviceId(), command.occurredAt(), "complete", PlacementStatus.ACTIVE);
        apply(new PlacementCompleted(command.serviceId()), EventMetadata.occurredAt(command.occurredAt()));
    }

    // ---- moves ---------------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(TransitionPersonCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        TransitionKind kind = command.kind();
        LocationType from = state.location.type();
        LocationType to = command.toLocation().type();
        List<String> ended = switch (kind) {
            case PROGRESSION -> List.of();
            case TRANSFER -> {
                requireMove(kind, from, to, Set.of(LocationType.PRISON, LocationType.OPEN_PRISON),
                        Set.of(LocationType.PRISON, LocationType.OPEN_PRISON));
                yield placementsIn(services, Setting.CUSTODY);
            }
            case TO_OPEN_CONDITIONS -> {
                requireMove(kind, from, to, Set.of(LocationType.PRISON), Set.of(LocationType.OPEN_PRISON));
                yield placementsIn(services, Setting.CUSTODY);
            }
            case TO_HOSPITAL -> {
                requireMove(kind, from, to, Set.of(LocationType.PRISON, LocationType.OPEN_PRISON), Set.of(LocationType.HOSPITAL));
                yield placementsIn(services, Setting.CUSTODY);
            }
            case REMITTED_FROM_HOSPITAL -> {
                requireMove(kind, from, to, Set.of(LocationType.HOSPITAL), Set.of(LocationType.PRISON, LocationType.OPEN_PRISON));
                yield placementsIn(services, Setting.HOSPITAL);
            }
            case TO_APPROVED_PREMISES -> {
                requireMove(kind, from, to, Set.of(LocationType.COMMUNITY), Set.of(LocationType.APPROVED_PREMISES));
                yield List.of();
            }
            case OTHER -> List.of();
        };
        String toServiceId = null;
        if (kind == TransitionKind.PROGRESSION) {
            if (command.toReferralId() == null) {
                throw new RuleViolation(ErrorCode.VALIDATION_FAILED, "A progression names the accepted referral it moves into",
                        Map.of("errors", List.of(Map.of("field", "toReferralId", "message", "must not be null for PROGRESSION"))));
            }
            Referral referral = requireReferral(command.toReferralId(), command.occurredAt(), "progress",
                    ReferralStatus.ACCEPTED);
            CatalogEntry service = requireService(referral.serviceId(), services);
            requireAfterLastPlacementAt(service.serviceId(), command.occurredAt());
            ended = exclusivePlacements(services);
            requirePlaceFor(service, services, null, ended);
            toServiceId = service.serviceId();
        }
        requireAfterPlacementsAndMoves(command.occurredAt(), ended);
        apply(new PersonTransitioned(kind, command.toLocation(), command.toReferralId(), toServiceId, ended),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(ReleasePersonCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        LocationType from = state.location.type();
        if (from == LocationType.HOSPITAL) {
            throw new RuleViolation(ErrorCode.LOCATION_RULE, "Cannot release person " + personId + " from HOSPITAL: a move "
                    + "from hospital is a transition (REMITTED_FROM_HOSPITAL), never a release");
        }
        if (!from.isCustody()) {
            throw new RuleViolation(ErrorCode.LOCATION_RULE, "Cannot release: person " + personId + " is in the community ("
                    + from + "), not in custody");
        }
        requireTo("release", command.toLocation().type(), Set.of(LocationType.COMMUNITY, LocationType.APPROVED_PREMISES));
        List<String> ended = placementsIn(services, Setting.CUSTODY);
        requireAfterPlacementsAndMoves(command.occurredAt(), ended);
        apply(new PersonReleased(command.releaseType(), command.toLocation(), ended),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(RecallPersonCommand command, ServiceCatalog services, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        if (state.location.type().isCustody()) {
            throw new RuleViolation(ErrorCode.LOCATION_RULE, "Cannot recall: person " + personId + " is in custody ("
                    + state.location.type() + "), not in the community");
        }
        requireTo("recall", command.toLocation().type(), Set.of(LocationType.PRISON));
        List<String> ended = placementsIn(services, Setting.COMMUNITY);
        requireAfterPlacementsAndMoves(command.occurredAt(), ended);
        apply(new PersonRecalled(command.toLocation(), command.reason(), ended),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(ExitPathwayCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        BusinessTime.requireFollows(command.occurredAt(), state.latestFactAt, "the latest fact of person " + personId
                + ": nothing follows an exit");
        apply(new PathwayExited(command.reason(), List.copyOf(state.placements.keySet())),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    // ---- corrections ---------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(RetractEventCommand command, Clock clock) {
        requireValidTime(command.occurredAt(), clock);
        String eventId = command.eventId().toString();
        if (eventId.equals(registrationEventId) || retracted.contains(eventId)) {
            throw new RuleViolation(ErrorCode.EVENT_NOT_RETRACTABLE, "Cannot retract event " + eventId + ": "
                    + (retracted.contains(eventId) ? "it is already retracted" : "it is the registration of person " + personId));
        }
        Recorded target = history.stream().filter(recorded -> recorded.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new RuleViolation(ErrorCode.EVENT_NOT_FOUND, "Person " + personId + " has no event "
                        + eventId + " that can be retracted"));
        if (target.event() instanceof PersonalDataErased) {
            throw new RuleViolation(ErrorCode.EVENT_NOT_RETRACTABLE, "Cannot retract event " + eventId
                    + ": it is an erasure of personal data, and the key it deleted is gone for good");
        }
        PersonState without = PersonState.fold(history.stream().filter(r -> !r.eventId().equals(eventId)).toList());
        Set<String> before = state.placements.keySet();
        Set<String> after = without.placements.keySet();
        apply(new EventRetracted(command.eventId(), command.reason(),
                        before.stream().filter(s -> !after.contains(s)).toList(),
                        after.stream().filter(s -> !before.contains(s)).toList()),
                EventMetadata.occurredAt(command.occurredAt()));
    }

    // ---- checks --------------------------------------------------------------------------------------------------

    private void requireValidTime(Instant occurredAt, Clock clock) {
        BusinessTime.requireNotInFuture(occurredAt, clock);
        BusinessTime.requireNotBefore(occurredAt, state.registeredAt, personId);
    }

    private CatalogEntry requireService(String serviceId, ServiceCatalog services) {
        return services.find(serviceId).orElseThrow(() ->
                new RuleViolation(ErrorCode.SERVICE_NOT_FOUND, "No service " + serviceId));
    }

    private void requireReferrable(String serviceId, ServiceCatalog services, String verb) {
        CatalogEntry service = requireService(serviceId, services);
        if (!service.takes(state.pathway)) {
            throw new RuleViolation(ErrorCode.PATHWAY_MISMATCH, "Cannot " + verb + ": service " + serviceId
                    + " is on the " + service.pathway() + " pathway and person " + personId + " on " + state.pathway);
        }
        state.openReferralTo(serviceId).ifPresent(open -> {
            throw new RuleViolation(ErrorCode.DUPLICATE_OPEN_REFERRAL, "Cannot " + verb + ": person " + personId
                    + " already has open referral " + open.referralId() + " to service " + serviceId,
                    Map.of("existingReferralId", open.referralId()));
        });
    }

    /** The referral, in one of the allowed states, last changed no later than {@code occurredAt}. */
    private Referral requireReferral(String referralId, Instant occurredAt, String verb, ReferralStatus... allowed) {
        Referral referral = state.referral(referralId).orElseThrow(() -> new RuleViolation(ErrorCode.REFERRAL_NOT_FOUND,
                "Person " + personId + " has no referral " + referralId));
        if (!List.of(allowed).contains(referral.status())) {
            throw new RuleViolation(ErrorCode.REFERRAL_STATE_CONFLICT, "Cannot " + verb + ": referral " + referralId
                    + " is " + referral.status(), Map.of("referralStatus", referral.status().name()));
        }
        BusinessTime.requireFollows(occurredAt, referral.changedAt(),
                "referral " + referralId + " became " + referral.status());
        return referral;
    }

    /** The open placement at the service, in the given state, last changed no later than {@code occurredAt}. */
    private Placement requirePlacement(String serviceId, Instant occurredAt, String verb, PlacementStatus status) {
        Placement placement = state.placements.get(serviceId);
        if (placement == null || placement.status() != status) {
            throw new RuleViolation(ErrorCode.PLACEMENT_NOT_OPEN, "Cannot " + verb + ": person " + personId
                    + (placement == null ? " has no open placement at service " + serviceId
                    : "'s placement at service " + serviceId + " is " + placement.status()));
        }
        BusinessTime.requireFollows(occurredAt, placement.changedAt(),
                "the placement at service " + serviceId + " became " + placement.status());
        return placement;
    }

    /** A new placement at a service follows the end of the person's previous one there. */
    private void requireAfterLastPlacementAt(String serviceId, Instant occurredAt) {
        BusinessTime.requireFollows(occurredAt, state.placementChangedAt.get(serviceId),
                "the last change of person " + personId + "'s placement at service " + serviceId);
    }

    /** A move ends placements and changes where the person is: it follows both in business time. */
    private void requireAfterPlacementsAndMoves(Instant occurredAt, List<String> endedPlacements) {
        BusinessTime.requireFollows(occurredAt, state.locationChangedAt, "the person's last move");
        for (String serviceId : endedPlacements) {
            BusinessTime.requireFollows(occurredAt, state.placementChangedAt.get(serviceId),
                    "the last change of the placement at service " + serviceId);
        }
    }

    /** At most one residential or custodial placement at a time, and a full service needs an override reason. */
    private void requirePlaceFor(CatalogEntry service, ServiceCatalog services, String overrideReason, List<String> ending) {
        if (state.placements.containsKey(service.serviceId())) {
            throw new RuleViolation(ErrorCode.PLACEMENT_CONFLICT, "Cannot admit: person " + personId
                    + " already has a placement at service " + service.serviceId());
        }
        if (!service.type().runsAlongside()) {
            exclusivePlacements(services).stream().filter(s -> ending == null || !ending.contains(s)).findFirst()
                    .ifPresent(current -> {
                        throw new RuleViolation(ErrorCode.PLACEMENT_CONFLICT, "Cannot admit to " + service.serviceId()
                                + ": person " + personId + " already has a residential or custodial placement at "
                                + current, Map.of("currentPlacementServiceId", current));
                    });
        }
        if (service.isFull() && (overrideReason == null || overrideReason.isBlank())) {
            throw ServiceCatalog.atCapacity(service);
        }
    }

    private List<String> exclusivePlacements(ServiceCatalog services) {
        return openPlacementsWhere(services, service -> !service.type().runsAlongside());
    }

    private List<String> placementsIn(ServiceCatalog services, Setting setting) {
        return openPlacementsWhere(services, service -> service.setting() == setting);
    }

    private List<String> openPlacementsWhere(ServiceCatalog services, Predicate<CatalogEntry> test) {
        Set<String> matching = new LinkedHashSet<>();
        for (String serviceId : state.placements.keySet()) {
            services.find(serviceId).filter(test).ifPresent(s -> matching.add(serviceId));
        }
        return List.copyOf(matching);
    }

    private void requireMove(TransitionKind kind, LocationType from, LocationType to, Set<LocationType> fromAllowed,
                             Set<LocationType> toAllowed) {
        if (!fromAllowed.contains(from)) {
            throw new RuleViolation(ErrorCode.LOCATION_RULE, "Cannot make a " + kind + " transition: person " + personId
                    + " is at a " + from + ", and it starts from " + fromAllowed.stream().sorted().toList());
        }
        requireTo(kind + " transition", to, toAllowed);
    }

    private static void requireTo(String move, LocationType to, Set<LocationType> allowed) {
        if (!allowed.contains(to)) {
            throw new RuleViolation(ErrorCode.LOCATION_RULE, "Cannot " + (move.startsWith("re") ? move : "make a " + move)
                    + " to a " + to + ": it goes to " + allowed.stream().sorted().toList());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    // ---- state ---------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PersonEvent event, @SourceId String personId, @MessageIdentifier String eventId,
            @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt) {
        this.personId = personId;
        if (event instanceof EventRetracted retraction) {
            String target = retraction.eventId().toString();
            retracted.add(target);
            history.removeIf(recorded -> recorded.eventId().equals(target));
            state = PersonState.fold(history);
            return;
        }
        if (event instanceof PersonRegistered) {
            registrationEventId = eventId;
        }
        Recorded recorded = new Recorded(eventId, event, Instant.parse(occurredAt));
        history.add(recorded);
        state.apply(recorded.event(), recorded.occurredAt());
    }
}
