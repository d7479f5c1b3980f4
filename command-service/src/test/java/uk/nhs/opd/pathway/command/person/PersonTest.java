package uk.nhs.opd.pathway.command.person;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.privacy.PersonalDataVault;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.service.ServiceCatalog;
import uk.nhs.opd.pathway.command.service.ServiceCatalog.CatalogEntry;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.FormulationCompleted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PathwayExited;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonIdentifierLinked;
import uk.nhs.opd.pathway.events.PersonRecalled;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonReleased;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.PersonalDataErased;
import uk.nhs.opd.pathway.events.PersonTransitioned;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ReferralResumed;
import uk.nhs.opd.pathway.events.ReferralTransferred;
import uk.nhs.opd.pathway.events.ReferralWithdrawn;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;
import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.ReferralDecision;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/** Every rule of the Person aggregate, one behaviour per test, with exact events (DESIGN.md §4). */
class PersonTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");
    private static final Instant REGISTERED = Instant.parse("2024-01-10T10:00:00Z");
    private static final String PERSON = "P-1";
    private static final Location FRANKLAND = new Location(LocationType.PRISON, "FKI");
    private static final Location OPEN_PRISON = new Location(LocationType.OPEN_PRISON, "HDI");
    private static final Location HOSPITAL = new Location(LocationType.HOSPITAL, "RAMPTON");
    private static final Location APPROVED_PREMISES = new Location(LocationType.APPROVED_PREMISES, "AP-DURHAM");
    private static final Location COMMUNITY = new Location(LocationType.COMMUNITY, "DURHAM");
    private static final PersonalDetails PERSONAL = new PersonalDetails(LocalDate.of(1980, 5, 1), "X123456", "A1234BC");
    private static final ScreeningAnswers MEN_ALL_MET = new ScreeningAnswers(true, true, null, true, true);

    private final Map<String, CatalogEntry> services = new java.util.HashMap<>(Map.of(
            "S-tc", new CatalogEntry("S-tc", Pathway.MEN, Setting.CUSTODY, ServiceType.TREATMENT, 10, 3),
            "S-pipe", new CatalogEntry("S-pipe", Pathway.MEN, Setting.CUSTODY, ServiceType.PIPE_PRISON, 10, 0),
            "S-full", new CatalogEntry("S-full", Pathway.MEN, Setting.CUSTODY, ServiceType.TREATMENT, 5, 5),
            "S-women", new CatalogEntry("S-women", Pathway.WOMEN, Setting.COMMUNITY, ServiceType.DAY, 10, 0),
            "S-outreach", new CatalogEntry("S-outreach", Pathway.ALL, Setting.COMMUNITY, ServiceType.OUTREACH, 10, 0),
            "S-msu", new CatalogEntry("S-msu", Pathway.ALL, Setting.HOSPITAL, ServiceType.MEDIUM_SECURE_UNIT, 10, 0),
            "S-ap", new CatalogEntry("S-ap", Pathway.MEN, Setting.COMMUNITY, ServiceType.PIPE_APPROVED_PREMISES, 10, 0)));

    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((ServiceCatalog) id -> Optional.ofNullable(services.get(id)));
        fixture.registerInjectableResource(vault);
    }

    // ---- building histories ---------------------------------------------------------------------------------------

    private static EventMessage<?> at(Instant occurredAt, Object event) {
        return new GenericEventMessage<>(event, EventMetadata.occurredAt(occurredAt));
    }

    private static EventMessage<?> early(Object event) {
        return at(REGISTERED.plusSeconds(3600), event);
    }

    /** Seals by naming what it sealed, so tests can assert exact events (the real vault encrypts with AES-GCM). */
    static final class FakeVault implements PersonalDataVault {
        final java.util.Set<String> erased = new java.util.HashSet<>();

        @Override
        public SealedPersonalData seal(String personId, PersonalDetails personal) {
            return new SealedPersonalData("sealed-for-" + personId + ":" + personal.dateOfBirth() + "/" + personal.crn()
                    + "/" + personal.prisonNumber());
        }

        @Override
        public Optional<PersonalDetails> open(String personId, SealedPersonalData sealed) {
            return Optional.empty();
        }

        @Override
        public boolean erase(String personId) {
            return erased.add(personId);
        }
    }

    private final FakeVault vault = new FakeVault();

    private static PersonRegistered registration(LocalDate dateOfBirth, Location location) {
        return new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.DETERMINATE, null,
                LocalDate.of(2026, 1, 1), "NORTH_EAST", location,
                uk.nhs.opd.pathway.events.vocabulary.AgeBand.on(dateOfBirth, LocalDate.of(2025, 3, 1)),
                new SealedPersonalData("sealed-for-P-1:" + dateOfBirth + "/X123456/A1234BC"));
    }

    private static List<EventMessage<?>> registeredAt(Location location) {
        return new ArrayList<>(List.of(at(REGISTERED, registration(PERSONAL.dateOfBirth(), location))));
    }

    private static List<EventMessage<?>> screenedIn() {
        List<EventMessage<?>> history = registeredAt(FRANKLAND);
        history.add(early(new PersonScreened(MEN_ALL_MET, RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN, null)));
        return history;
    }

    private static List<EventMessage<?>> referred(String referralId, String serviceId) {
        List<EventMessage<?>> history = screenedIn();
        history.add(early(new ReferralMade(referralId, serviceId, ReferralSource.OFFENDER_MANAGER, true, null, false)));
        return history;
    }

    private static List<EventMessage<?>> accepted(String referralId, String serviceId) {
        List<EventMessage<?>> history = referred(referralId, serviceId);
        history.add(early(new ReferralAccepted(referralId)));
        return history;
    }

    private static List<EventMessage<?>> admitted(String referralId, String serviceId) {
        List<EventMessage<?>> history = accepted(referralId, serviceId);
        history.add(early(new PersonAdmitted(referralId, serviceId, null)));
        return history;
    }

    private static List<EventMessage<?>> plus(List<EventMessage<?>> history, Object... events) {
        List<EventMessage<?>> more = new ArrayList<>(history);
        for (Object event : events) {
            more.add(early(event));
        }
        return more;
    }

    private TestExecutor<Person> given(List<EventMessage<?>> history) {
        return fixture.given(history);
    }

    private static RegisterPersonCommand register(LocalDate dateOfBirth, Instant occurredAt) {
        return new RegisterPersonCommand(PERSON, Pathway.MEN, "WHITE_BRITISH", SentenceType.DETERMINATE, null,
                LocalDate.of(2026, 1, 1), "NORTH_EAST", FRANKLAND, new PersonalDetails(dateOfBirth, "X123456", "A1234BC"),
                occurredAt);
    }

    private static MakeReferralCommand referral(String referralId, String serviceId, boolean omSupports) {
        return new MakeReferralCommand(PERSON, referralId, serviceId, ReferralSource.OFFENDER_MANAGER, omSupports,
                "reason", false, NOW);
    }

    private static AdmitPersonCommand admit(String referralId) {
        return new AdmitPersonCommand(PERSON, referralId, null, NOW);
    }

    private static DeselectPersonCommand deselect(String serviceId, DeselectionDisposition disposition, DeselectionReason reason) {
        return new DeselectPersonCommand(PERSON, serviceId, DeselectionInitiator.SERVICE, disposition,
                DeselectionReasonCategory.MOTIVATION_BEHAVIOUR, reason, null, NOW);
    }

    private static PersonDeselected deselected(String serviceId, String referralId, DeselectionDisposition disposition,
                                               DeselectionReason reason) {
        return new PersonDeselected(serviceId, referralId, DeselectionInitiator.SERVICE, disposition,
                DeselectionReasonCategory.MOTIVATION_BEHAVIOUR, reason, null);
    }

    // ---- registration and identity ---------------------------------------------------------------------------------

    @Nested
    class Registration {

        @Test
        void registersAnAdultWithTheTimeItHappened() {
            fixture.givenNoPriorActivity()
                    .when(register(PERSONAL.dateOfBirth(), REGISTERED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(at(REGISTERED, registration(PERSONAL.dateOfBirth(), FRANKLAND)));
        }

        @Test
        void registersSomeoneOnTheirEighteenthBirthday() {
            fixture.givenNoPriorActivity()
                    .when(register(LocalDate.of(2007, 3, 1), NOW))
                    .expectEvents(registration(LocalDate.of(2007, 3, 1), FRANKLAND));
        }

        @Test
        void cannotRegisterSomeoneUnderEighteenOnTheEventDate() {
            fixture.givenNoPriorActivity()
                    .when(register(LocalDate.of(2007, 3, 2), NOW))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Cannot register: the person is under 18 on 2025-03-01");
        }

        @Test
        void cannotRegisterWithAnOccurrenceInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(register(PERSONAL.dateOfBirth(), NOW.plusSeconds(3600)))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void linksACrnAsPersonalData() {
            given(registeredAt(FRANKLAND))
                    .when(new LinkIdentifierCommand(PERSON, IdentifierType.CRN, "X999999", NOW))
                    .expectEvents(new PersonIdentifierLinked(IdentifierType.CRN,
                            new SealedPersonalData("sealed-for-P-1:null/X999999/null")));
        }

        @Test
        void erasureDeletesTheKeyAndIsRecorded() {
            given(registeredAt(FRANKLAND))
                    .when(new ErasePersonalDataCommand(PERSON, "Subject access request", NOW))
                    .expectEvents(new PersonalDataErased("Subject access request"));
            org.assertj.core.api.Assertions.assertThat(vault.erased).containsExactly(PERSON);
        }

        @Test
        void aPersonWhoExitedMayStillBeErased() {
            given(plus(registeredAt(FRANKLAND), new PathwayExited("Licence ended", List.of())))
                    .when(new ErasePersonalDataCommand(PERSON, "Subject access request", NOW))
                    .expectEvents(new PersonalDataErased("Subject access request"));
        }

        @Test
        void noPersonalDataCanBeAddedAfterErasure() {
            given(plus(registeredAt(FRANKLAND), new PersonalDataErased("request")))
                    .when(new LinkIdentifierCommand(PERSON, IdentifierType.NOMS, "A1", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot link an identifier: the personal data of person P-1 was erased");
        }

        @Test
        void refusesACommandWhenIfMatchNamesAnotherVersion() {
            given(screenedIn())
                    .when(new CompleteFormulationCommand(PERSON, 3, NOW), MetaData.with(Commands.EXPECTED_VERSION, 0L))
                    .expectNoEvents()
                    .expectExceptionMessage("Person P-1 is at version 1, not 0");
        }

        @Test
        void acceptsACommandWhenIfMatchNamesTheCurrentVersion() {
            given(screenedIn())
                    .when(new CompleteFormulationCommand(PERSON, 3, NOW), MetaData.with(Commands.EXPECTED_VERSION, 1L))
                    .expectEvents(new FormulationCompleted(3));
        }
    }

    // ---- screening and formulation ---------------------------------------------------------------------------------

    @Nested
    class Screening {

        @Test
        void screensInAManMeetingAllFourCriteria() {
            given(registeredAt(FRANKLAND))
                    .when(new ScreenPersonCommand(PERSON, MEN_ALL_MET, RiskLevel.VERY_HIGH, null, NOW))
                    .expectEvents(new PersonScreened(MEN_ALL_MET, RiskLevel.VERY_HIGH, ScreeningOutcome.SCREENED_IN, null));
        }

        @Test
        void recordsAScreenOutAsAnEvent() {
            ScreeningAnswers noLink = new ScreeningAnswers(true, true, null, true, false);
            given(registeredAt(FRANKLAND))
                    .when(new ScreenPersonCommand(PERSON, noLink, RiskLevel.HIGH, "  ", NOW))
                    .expectEvents(new PersonScreened(noLink, RiskLevel.HIGH, ScreeningOutcome.SCREENED_OUT, null));
        }

        @Test
        void screensInByOverrideWithARecordedJustification() {
            ScreeningAnswers noLink = new ScreeningAnswers(true, true, null, true, false);
            given(registeredAt(FRANKLAND))
                    .when(new ScreenPersonCommand(PERSON, noLink, RiskLevel.HIGH, "Clinically justified", NOW))
                    .expectEvents(new PersonScreened(noLink, RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN_BY_OVERRIDE,
                            "Clinically justified"));
        }

        @Test
        void cannotScreenWithUnansweredCriteriaOfThePathway() {
            given(registeredAt(FRANKLAND))
                    .when(new ScreenPersonCommand(PERSON, new ScreeningAnswers(null, true, true, true, true), RiskLevel.HIGH, null, NOW))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void cannotScreenBeforeRegistration() {
            given(registeredAt(FRANKLAND))
                    .when(new ScreenPersonCommand(PERSON, MEN_ALL_MET, RiskLevel.HIGH, null, REGISTERED.minusSeconds(1)))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt 2024-01-10T09:59:59Z is before person P-1 was registered (2024-01-10T10:00:00Z)");
        }

        @Test
        void recordsAFormulation() {
            given(screenedIn())
                    .when(new CompleteFormulationCommand(PERSON, 3, NOW))
                    .expectEvents(new FormulationCompleted(3));
        }
    }

    // ---- referrals -------------------------------------------------------------------------------------------------

    @Nested
    class Referrals {

        @Test
        void refersAScreenedInPersonWithOffenderManagerSupport() {
            given(screenedIn())
                    .when(referral("R-1", "S-tc", true))
                    .expectEvents(new ReferralMade("R-1", "S-tc", ReferralSource.OFFENDER_MANAGER, true, "reason", false));
        }

        @Test
        void refersAPersonScreenedInByOverride() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(early(new PersonScreened(MEN_ALL_MET, RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN_BY_OVERRIDE, "why")));
            given(history)
                    .when(referral("R-1", "S-outreach", true))
                    .expectEvents(new ReferralMade("R-1", "S-outreach", ReferralSource.OFFENDER_MANAGER, true, "reason", false));
        }

        @Test
        void cannotReferWithoutScreening() {
            given(registeredAt(FRANKLAND))
                    .when(referral("R-1", "S-tc", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot refer: person P-1 is not screened");
        }

        @Test
        void cannotReferAScreenedOutPerson() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(early(new PersonScreened(MEN_ALL_MET, RiskLevel.LOW, ScreeningOutcome.SCREENED_OUT, null)));
            given(history)
                    .when(referral("R-1", "S-tc", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot refer: person P-1 is SCREENED_OUT");
        }

        @Test
        void cannotReferWithoutOffenderManagerSupport() {
            given(screenedIn())
                    .when(referral("R-1", "S-tc", false))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot refer: the offender manager must support every referral");
        }

        @Test
        void cannotReferToAnUnknownService() {
            given(screenedIn())
                    .when(referral("R-1", "S-nowhere", true))
                    .expectNoEvents()
                    .expectExceptionMessage("No service S-nowhere");
        }

        @Test
        void cannotReferAManToAWomensService() {
            given(screenedIn())
                    .when(referral("R-1", "S-women", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot refer: service S-women is on the WOMEN pathway and person P-1 on MEN");
        }

        @Test
        void cannotHaveTwoOpenReferralsToTheSameService() {
            given(referred("R-1", "S-tc"))
                    .when(referral("R-2", "S-tc", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot refer: person P-1 already has open referral R-1 to service S-tc");
        }

        @Test
        void mayReferAgainOnceTheEarlierReferralWasRejected() {
            given(plus(referred("R-1", "S-tc"), new ReferralRejected("R-1", "not now")))
                    .when(referral("R-2", "S-tc", true))
                    .expectEvents(new ReferralMade("R-2", "S-tc", ReferralSource.OFFENDER_MANAGER, true, "reason", false));
        }

        @Test
        void cannotReuseAReferralId() {
            given(referred("R-1", "S-tc"))
                    .when(referral("R-1", "S-outreach", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Referral R-1 already exists");
        }

        @Test
        void acceptsAReferral() {
            given(referred("R-1", "S-tc"))
                    .when(new DecideReferralCommand(PERSON, "R-1", ReferralDecision.ACCEPTED, null, NOW))
                    .expectEvents(new ReferralAccepted("R-1"));
        }

        @Test
        void rejectsAReferralWithItsReason() {
            given(referred("R-1", "S-tc"))
                    .when(new DecideReferralCommand(PERSON, "R-1", ReferralDecision.REJECTED, "Not suitable", NOW))
                    .expectEvents(new ReferralRejected("R-1", "Not suitable"));
        }

        @Test
        void cannotDecideAReferralTwice() {
            given(accepted("R-1", "S-tc"))
                    .when(new DecideReferralCommand(PERSON, "R-1", ReferralDecision.REJECTED, "x", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot reject: referral R-1 is ACCEPTED");
        }

        @Test
        void cannotDecideAnUnknownReferral() {
            given(screenedIn())
                    .when(new DecideReferralCommand(PERSON, "R-9", ReferralDecision.ACCEPTED, null, NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Person P-1 has no referral R-9");
        }

        @Test
        void withdrawsAnOpenReferral() {
            given(accepted("R-1", "S-tc"))
                    .when(new WithdrawReferralCommand(PERSON, "R-1", "Moved", NOW))
                    .expectEvents(new ReferralWithdrawn("R-1", "Moved"));
        }

        @Test
        void cannotWithdrawARejectedReferral() {
            given(plus(referred("R-1", "S-tc"), new ReferralRejected("R-1", "no")))
                    .when(new WithdrawReferralCommand(PERSON, "R-1", "Moved", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot withdraw: referral R-1 is REJECTED");
        }

        @Test
        void pausingRemembersTheStateItPausedFrom() {
            given(accepted("R-1", "S-tc"))
                    .when(new PauseReferralCommand(PERSON, "R-1", PauseReason.SUITABLE_NOT_READY, NOW))
                    .expectEvents(new ReferralPaused("R-1", PauseReason.SUITABLE_NOT_READY, ReferralStatus.ACCEPTED));
        }

        @Test
        void resumingReturnsToTheExactPriorState() {
            given(plus(referred("R-1", "S-tc"), new ReferralPaused("R-1", PauseReason.PERSON_CHOICE, ReferralStatus.MADE)))
                    .when(new ResumeReferralCommand(PERSON, "R-1", NOW))
                    .expectEvents(new ReferralResumed("R-1", ReferralStatus.MADE));
        }

        @Test
        void cannotAdmitFromAPausedReferral() {
            given(plus(accepted("R-1", "S-tc"), new ReferralPaused("R-1", PauseReason.PERSON_CHOICE, ReferralStatus.ACCEPTED)))
                    .when(admit("R-1"))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot admit: referral R-1 is PAUSED");
        }

        @Test
        void cannotResumeAReferralThatIsNotPaused() {
            given(accepted("R-1", "S-tc"))
                    .when(new ResumeReferralCommand(PERSON, "R-1", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot resume: referral R-1 is ACCEPTED");
        }

        @Test
        void transferClosesTheReferralAndOpensALinkedOne() {
            given(accepted("R-1", "S-tc"))
                    .when(new TransferReferralCommand(PERSON, "R-1", "S-pipe", "R-2", "Closer to home", NOW))
                    .expectEvents(new ReferralTransferred("R-1", "S-pipe", "R-2", "Closer to home"));
        }

        @Test
        void cannotTransferToAServiceWithAnOpenReferral() {
            given(plus(accepted("R-1", "S-tc"),
                    new ReferralMade("R-2", "S-pipe", ReferralSource.PSYCHOLOGY, true, null, false)))
                    .when(new TransferReferralCommand(PERSON, "R-1", "S-pipe", "R-3", "x", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot transfer: person P-1 already has open referral R-2 to service S-pipe");
        }
    }

    // ---- placements ------------------------------------------------------------------------------------------------

    @Nested
    class Placements {

        @Test
        void admitsFromAnAcceptedReferral() {
            given(accepted("R-1", "S-tc"))
                    .when(admit("R-1"))
                    .expectEvents(new PersonAdmitted("R-1", "S-tc", null));
        }

        @Test
        void cannotAdmitWithoutAcceptedReferral() {
            given(referred("R-1", "S-tc"))
                    .when(admit("R-1"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("Cannot admit: referral R-1 is MADE");
        }

        @Test
        void cannotAdmitFromARejectedReferral() {
            given(plus(referred("R-1", "S-tc"), new ReferralRejected("R-1", "no")))
                    .when(admit("R-1"))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot admit: referral R-1 is REJECTED");
        }

        @Test
        void cannotAdmitTwiceFromOneReferral() {
            given(admitted("R-1", "S-tc"))
                    .when(admit("R-1"))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot admit: referral R-1 is ADMITTED");
        }

        @Test
        void cannotHoldTwoResidentialOrCustodialPlacements() {
            given(plus(admitted("R-1", "S-tc"),
                    new ReferralMade("R-2", "S-pipe", ReferralSource.PSYCHOLOGY, true, null, false), new ReferralAccepted("R-2")))
                    .when(admit("R-2"))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot admit to S-pipe: person P-1 already has a residential or custodial placement at S-tc");
        }

        @Test
        void outreachMayRunBesideAResidentialPlacement() {
            given(plus(admitted("R-1", "S-tc"),
                    new ReferralMade("R-2", "S-outreach", ReferralSource.PSYCHOLOGY, true, null, false), new ReferralAccepted("R-2")))
                    .when(admit("R-2"))
                    .expectEvents(new PersonAdmitted("R-2", "S-outreach", null));
        }

        @Test
        void aFullServiceRefusesAdmissionWithoutAnOverride() {
            given(accepted("R-1", "S-full"))
                    .when(admit("R-1"))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot admit: service S-full is full (5 of 5 places taken); "
                            + "give a capacityOverrideReason to admit over capacity");
        }

        @Test
        void aFullServiceAdmitsWithARecordedOverrideReason() {
            given(accepted("R-1", "S-full"))
                    .when(new AdmitPersonCommand(PERSON, "R-1", "Risk to others agreed by the clinical lead", NOW))
                    .expectEvents(new PersonAdmitted("R-1", "S-full", "Risk to others agreed by the clinical lead"));
        }

        @Test
        void deselectsIntoALaydown() {
            given(admitted("R-1", "S-tc"))
                    .when(deselect("S-tc", DeselectionDisposition.LAYDOWN, DeselectionReason.NON_ENGAGEMENT))
                    .expectEvents(deselected("S-tc", "R-1", DeselectionDisposition.LAYDOWN, DeselectionReason.NON_ENGAGEMENT));
        }

        @Test
        void aDeselectionReturnedToTheWaitListCanBeReadmittedFromTheSameReferral() {
            given(plus(admitted("R-1", "S-tc"),
                    deselected("S-tc", "R-1", DeselectionDisposition.RETURNED_TO_WAITLIST, DeselectionReason.NOT_READY)))
                    .when(admit("R-1"))
                    .expectEvents(new PersonAdmitted("R-1", "S-tc", null));
        }

        @Test
        void deathAllowsOnlyAClosedDeselection() {
            given(admitted("R-1", "S-tc"))
                    .when(deselect("S-tc", DeselectionDisposition.LAYDOWN, DeselectionReason.DEATH))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot de-select with LAYDOWN: reason DEATH allows only CLOSED");
        }

        @Test
        void sentenceEndedClosesThePlacement() {
            given(admitted("R-1", "S-tc"))
                    .when(deselect("S-tc", DeselectionDisposition.CLOSED, DeselectionReason.SENTENCE_ENDED))
                    .expectEvents(deselected("S-tc", "R-1", DeselectionDisposition.CLOSED, DeselectionReason.SENTENCE_ENDED));
        }

        @Test
        void cannotDeselectWithoutAnOpenPlacement() {
            given(accepted("R-1", "S-tc"))
                    .when(deselect("S-tc", DeselectionDisposition.CLOSED, null))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot de-select: person P-1 has no open placement at service S-tc");
        }

        @Test
        void aLaydownEndsInReadmission() {
            given(plus(admitted("R-1", "S-tc"), deselected("S-tc", "R-1", DeselectionDisposition.LAYDOWN, null)))
                    .when(new EndLaydownCommand(PERSON, "S-tc", LaydownOutcome.READMITTED, NOW))
                    .expectEvents(new LaydownEnded("S-tc", LaydownOutcome.READMITTED));
        }

        @Test
        void cannotEndALaydownThatDidNotStart() {
            given(admitted("R-1", "S-tc"))
                    .when(new EndLaydownCommand(PERSON, "S-tc", LaydownOutcome.CLOSED, NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot end the laydown: person P-1's placement at service S-tc is ACTIVE");
        }

        @Test
        void completesAnOpenPlacement() {
            given(admitted("R-1", "S-tc"))
                    .when(new CompletePlacementCommand(PERSON, "S-tc", NOW))
                    .expectEvents(new PlacementCompleted("S-tc"));
        }

        @Test
        void cannotCompleteAPlacementInLaydown() {
            given(plus(admitted("R-1", "S-tc"), deselected("S-tc", "R-1", DeselectionDisposition.LAYDOWN, null)))
                    .when(new CompletePlacementCommand(PERSON, "S-tc", NOW))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    // ---- moves -----------------------------------------------------------------------------------------------------

    @Nested
    class Moves {

        private List<EventMessage<?>> inTreatmentWithPipeAccepted() {
            return plus(admitted("R-1", "S-tc"),
                    new ReferralMade("R-2", "S-pipe", ReferralSource.PSYCHOLOGY, true, null, false), new ReferralAccepted("R-2"));
        }

        @Test
        void progressionEndsTheCurrentPlacementAndStartsTheAcceptedOne() {
            given(inTreatmentWithPipeAccepted())
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.PROGRESSION, FRANKLAND, "R-2", NOW))
                    .expectEvents(new PersonTransitioned(TransitionKind.PROGRESSION, FRANKLAND, "R-2", "S-pipe", List.of("S-tc")));
        }

        @Test
        void progressionNeedsAnAcceptedReferral() {
            given(plus(admitted("R-1", "S-tc"), new ReferralMade("R-2", "S-pipe", ReferralSource.PSYCHOLOGY, true, null, false)))
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.PROGRESSION, FRANKLAND, "R-2", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot progress: referral R-2 is MADE");
        }

        @Test
        void aMoveToHospitalIsATransitionThatEndsCustodyPlacements() {
            given(admitted("R-1", "S-tc"))
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.TO_HOSPITAL, HOSPITAL, null, NOW))
                    .expectEvents(new PersonTransitioned(TransitionKind.TO_HOSPITAL, HOSPITAL, null, null, List.of("S-tc")));
        }

        @Test
        void cannotBeReleasedFromHospital() {
            given(plus(registeredAt(FRANKLAND), new PersonTransitioned(TransitionKind.TO_HOSPITAL, HOSPITAL, null, null, List.of())))
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.LICENCE, COMMUNITY, NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot release person P-1 from HOSPITAL: a move from hospital is a "
                            + "transition (REMITTED_FROM_HOSPITAL), never a release");
        }

        @Test
        void remittedFromHospitalBackToPrison() {
            given(plus(registeredAt(FRANKLAND), new PersonTransitioned(TransitionKind.TO_HOSPITAL, HOSPITAL, null, null, List.of())))
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.REMITTED_FROM_HOSPITAL, FRANKLAND, null, NOW))
                    .expectEvents(new PersonTransitioned(TransitionKind.REMITTED_FROM_HOSPITAL, FRANKLAND, null, null, List.of()));
        }

        @Test
        void movesToOpenConditions() {
            given(registeredAt(FRANKLAND))
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.TO_OPEN_CONDITIONS, OPEN_PRISON, null, NOW))
                    .expectEvents(new PersonTransitioned(TransitionKind.TO_OPEN_CONDITIONS, OPEN_PRISON, null, null, List.of()));
        }

        @Test
        void cannotMoveToOpenConditionsFromTheCommunity() {
            given(registeredAt(COMMUNITY))
                    .when(new TransitionPersonCommand(PERSON, TransitionKind.TO_OPEN_CONDITIONS, OPEN_PRISON, null, NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot make a TO_OPEN_CONDITIONS transition: person P-1 is at a COMMUNITY, "
                            + "and it starts from [PRISON]");
        }

        @Test
        void releasesFromOpenConditionsToApprovedPremisesEndingCustodyPlacements() {
            given(plus(admitted("R-1", "S-tc"),
                    new PersonTransitioned(TransitionKind.TO_OPEN_CONDITIONS, OPEN_PRISON, null, null, List.of())))
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.LICENCE, APPROVED_PREMISES, NOW))
                    .expectEvents(new PersonReleased(ReleaseType.LICENCE, APPROVED_PREMISES, List.of("S-tc")));
        }

        @Test
        void cannotReleaseSomeoneInTheCommunity() {
            given(registeredAt(COMMUNITY))
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.LICENCE, COMMUNITY, NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot release: person P-1 is in the community (COMMUNITY), not in custody");
        }

        @Test
        void cannotReleaseToHospital() {
            given(registeredAt(FRANKLAND))
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.OTHER, HOSPITAL, NOW))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void recallsFromTheCommunityEndingCommunityPlacements() {
            given(plus(accepted("R-1", "S-ap"), new PersonReleased(ReleaseType.LICENCE, APPROVED_PREMISES, List.of()),
                    new PersonAdmitted("R-1", "S-ap", null)))
                    .when(new RecallPersonCommand(PERSON, FRANKLAND, "Breach", NOW))
                    .expectEvents(new PersonRecalled(FRANKLAND, "Breach", List.of("S-ap")));
        }

        @Test
        void cannotRecallSomeoneInCustody() {
            given(registeredAt(FRANKLAND))
                    .when(new RecallPersonCommand(PERSON, FRANKLAND, "Breach", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Cannot recall: person P-1 is in custody (PRISON), not in the community");
        }

        @Test
        void exitEndsEveryOpenPlacement() {
            given(admitted("R-1", "S-tc"))
                    .when(new ExitPathwayCommand(PERSON, "Licence ended", NOW))
                    .expectEvents(new PathwayExited("Licence ended", List.of("S-tc")));
        }

        @Test
        void nothingFollowsAnExit() {
            given(plus(screenedIn(), new PathwayExited("Licence ended", List.of())))
                    .when(referral("R-1", "S-tc", true))
                    .expectNoEvents()
                    .expectExceptionMessage("Person P-1 has exited the pathway: nothing can follow");
        }
    }

    // ---- business-time order -------------------------------------------------------------------------------------

    /**
     * Projections order a history by business time, so a fact may be recorded late but never dated before the
     * facts it builds on: otherwise the rules and the journey would see two different histories.
     */
    @Nested
    class BusinessTimeOrder {

        private static final Instant LATER = REGISTERED.plusSeconds(30 * 86_400);
        private static final Instant BEFORE_LATER = LATER.minusSeconds(86_400);

        @Test
        void cannotReferBeforeTheScreening() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(at(LATER, new PersonScreened(MEN_ALL_MET, RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN, null)));
            given(history)
                    .when(new MakeReferralCommand(PERSON, "R-1", "S-tc", ReferralSource.OFFENDER_MANAGER, true, "reason",
                            false, BEFORE_LATER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the screening of person P-1 ("
                            + LATER + ")");
        }

        @Test
        void cannotDecideAReferralBeforeItWasMade() {
            List<EventMessage<?>> history = screenedIn();
            history.add(at(LATER, new ReferralMade("R-1", "S-tc", ReferralSource.OFFENDER_MANAGER, true, null, false)));
            given(history)
                    .when(new DecideReferralCommand(PERSON, "R-1", ReferralDecision.ACCEPTED, null, BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before referral R-1 became MADE ("
                            + LATER + ")");
        }

        @Test
        void cannotAdmitBeforeTheReferralWasAccepted() {
            List<EventMessage<?>> history = referred("R-1", "S-tc");
            history.add(at(LATER, new ReferralAccepted("R-1")));
            given(history)
                    .when(new AdmitPersonCommand(PERSON, "R-1", null, BEFORE_LATER))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before referral R-1 became ACCEPTED ("
                            + LATER + ")");
        }

        @Test
        void cannotCompleteAPlacementBeforeTheAdmission() {
            List<EventMessage<?>> history = accepted("R-1", "S-tc");
            history.add(at(LATER, new PersonAdmitted("R-1", "S-tc", null)));
            given(history)
                    .when(new CompletePlacementCommand(PERSON, "S-tc", BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the placement at service S-tc "
                            + "became ACTIVE (" + LATER + ")");
        }

        @Test
        void cannotReadmitBeforeThePreviousPlacementThereEnded() {
            List<EventMessage<?>> history = admitted("R-1", "S-tc");
            history.add(early(new ReferralMade("R-2", "S-tc", ReferralSource.OFFENDER_MANAGER, true, null, false)));
            history.add(early(new ReferralAccepted("R-2")));
            history.add(at(LATER, new PlacementCompleted("S-tc")));
            given(history)
                    .when(new AdmitPersonCommand(PERSON, "R-2", null, BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the last change of person P-1's "
                            + "placement at service S-tc (" + LATER + ")");
        }

        @Test
        void cannotReleaseBeforeTheLastMove() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(at(LATER, new PersonTransitioned(TransitionKind.TO_OPEN_CONDITIONS, OPEN_PRISON, null, null,
                    List.of())));
            given(history)
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.LICENCE, COMMUNITY, BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the person's last move ("
                            + LATER + ")");
        }

        @Test
        void cannotReleaseBeforeAPlacementItEndsChanged() {
            List<EventMessage<?>> history = accepted("R-1", "S-tc");
            history.add(at(LATER, new PersonAdmitted("R-1", "S-tc", null)));
            given(history)
                    .when(new ReleasePersonCommand(PERSON, ReleaseType.LICENCE, COMMUNITY, BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the last change of the "
                            + "placement at service S-tc (" + LATER + ")");
        }

        @Test
        void cannotExitBeforeTheLatestFact() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(at(LATER, new FormulationCompleted(2)));
            given(history)
                    .when(new ExitPathwayCommand(PERSON, "Died", BEFORE_LATER))
                    .expectNoEvents()
                    .expectExceptionMessage("occurredAt " + BEFORE_LATER + " is before the latest fact of person P-1: "
                            + "nothing follows an exit (" + LATER + ")");
        }

        @Test
        void anExitMayBeDatedBeforeAnErasureOfPersonalData() {
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            history.add(at(LATER, new PersonalDataErased("Subject access request")));
            given(history)
                    .when(new ExitPathwayCommand(PERSON, "Sentence ended", BEFORE_LATER))
                    .expectEvents(at(BEFORE_LATER, new PathwayExited("Sentence ended", List.of())));
        }

        @Test
        void aLateRecordedFactMayPrecedeFactsItDoesNotBuildOn() {
            // Recorded today, dated before the admission: the formulation builds on nothing but the registration.
            List<EventMessage<?>> history = registeredAt(FRANKLAND);
            admitted("R-1", "S-tc").stream().skip(1).forEach(m -> history.add(at(LATER, m.getPayload())));
            given(history)
                    .when(new CompleteFormulationCommand(PERSON, 2, BEFORE_LATER))
                    .expectEvents(at(BEFORE_LATER, new FormulationCompleted(2)));
        }

        @Test
        void aFactDatedTheSameInstantAsWhatItBuildsOnIsAccepted() {
            List<EventMessage<?>> history = referred("R-1", "S-tc");
            history.add(at(LATER, new ReferralAccepted("R-1")));
            given(history)
                    .when(new AdmitPersonCommand(PERSON, "R-1", null, LATER))
                    .expectEvents(at(LATER, new PersonAdmitted("R-1", "S-tc", null)));
        }
    }

    // ---- corrections -----------------------------------------------------------------------------------------------

    @Nested
    class Corrections {

        @Test
        void cannotRetractAnEventThePersonDoesNotHave() {
            UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000001");
            given(screenedIn())
                    .when(new RetractEventCommand(PERSON, unknown, "mistake", NOW))
                    .expectNoEvents()
                    .expectExceptionMessage("Person P-1 has no event " + unknown + " that can be retracted");
        }

        @Test
        void foldingWithoutARetractedEventRestoresThePriorState() {
            List<PersonState.Recorded> history = new ArrayList<>();
            history.add(new PersonState.Recorded("e0", registration(PERSONAL.dateOfBirth(), FRANKLAND), REGISTERED));
            history.add(new PersonState.Recorded("e1", new ReferralMade("R-1", "S-tc", ReferralSource.SELF, true, null, false), NOW));
            history.add(new PersonState.Recorded("e2", new ReferralAccepted("R-1"), NOW));
            history.add(new PersonState.Recorded("e3", new PersonAdmitted("R-1", "S-tc", null), NOW));

            PersonState withAdmission = PersonState.fold(history);
            PersonState withoutAdmission = PersonState.fold(history.subList(0, 3));

            org.assertj.core.api.Assertions.assertThat(withAdmission.placements).containsOnlyKeys("S-tc");
            org.assertj.core.api.Assertions.assertThat(withoutAdmission.placements).isEmpty();
            org.assertj.core.api.Assertions.assertThat(withoutAdmission.referral("R-1").orElseThrow().status())
                    .isEqualTo(ReferralStatus.ACCEPTED);
        }
    }
}
