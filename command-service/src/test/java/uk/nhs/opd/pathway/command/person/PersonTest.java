package uk.nhs.opd.pathway.command.person;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.service.ServiceCatalog;
import uk.nhs.opd.pathway.command.service.ServiceCatalog.CatalogEntry;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

class PersonTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");
    private static final Instant REGISTERED = Instant.parse("2024-01-10T10:00:00Z");
    private static final String PERSON = "P-1";
    private static final Location FRANKLAND = new Location(LocationType.PRISON, "FKI");
    private static final PersonalDetails PERSONAL = new PersonalDetails(LocalDate.of(1980, 5, 1), "X123456", "A1234BC");
    private static final ScreeningAnswers MEN_ALL_MET = new ScreeningAnswers(true, true, null, true, true);

    private final Map<String, CatalogEntry> services = Map.of(
            "S-men", new CatalogEntry("S-men", Pathway.MEN, Setting.CUSTODY, ServiceType.TREATMENT, 10),
            "S-women", new CatalogEntry("S-women", Pathway.WOMEN, Setting.COMMUNITY, ServiceType.DAY, 10),
            "S-all", new CatalogEntry("S-all", Pathway.ALL, Setting.COMMUNITY, ServiceType.IIRMS, 10));

    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((ServiceCatalog) id -> Optional.ofNullable(services.get(id)));
    }

    private static PersonRegistered registration(Pathway pathway, LocalDate dateOfBirth) {
        return new PersonRegistered(pathway, "WHITE_BRITISH", SentenceType.DETERMINATE, null,
                LocalDate.of(2026, 1, 1), "NORTH_EAST", FRANKLAND,
                new PersonalDetails(dateOfBirth, "X123456", "A1234BC"));
    }

    private static EventMessage<?> at(Instant occurredAt, Object event) {
        return new GenericEventMessage<>(event, EventMetadata.occurredAt(occurredAt));
    }

    private static EventMessage<?> registeredMan() {
        return at(REGISTERED, registration(Pathway.MEN, PERSONAL.dateOfBirth()));
    }

    private static EventMessage<?> screened(ScreeningOutcome outcome) {
        return at(REGISTERED.plusSeconds(60), new PersonScreened(MEN_ALL_MET, RiskLevel.HIGH, outcome, null));
    }

    private static RegisterPersonCommand register(LocalDate dateOfBirth, Instant occurredAt) {
        return new RegisterPersonCommand(PERSON, Pathway.MEN, "WHITE_BRITISH", SentenceType.DETERMINATE, null,
                LocalDate.of(2026, 1, 1), "NORTH_EAST", FRANKLAND,
                new PersonalDetails(dateOfBirth, "X123456", "A1234BC"), occurredAt);
    }

    private static MakeReferralCommand referral(String referralId, String serviceId, boolean omSupports) {
        return new MakeReferralCommand(PERSON, referralId, serviceId, ReferralSource.OFFENDER_MANAGER, omSupports,
                "reason", false, NOW);
    }

    @Test
    void registersAnAdultWithTheTimeItHappened() {
        fixture.givenNoPriorActivity()
                .when(register(PERSONAL.dateOfBirth(), REGISTERED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(at(REGISTERED, registration(Pathway.MEN, PERSONAL.dateOfBirth())));
    }

    @Test
    void registersSomeoneOnTheirEighteenthBirthday() {
        fixture.givenNoPriorActivity()
                .when(register(LocalDate.of(2007, 3, 1), NOW))
                .expectEvents(registration(Pathway.MEN, LocalDate.of(2007, 3, 1)));
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
    void screensInAManMeetingAllFourCriteria() {
        fixture.given(registeredMan())
                .when(new ScreenPersonCommand(PERSON, MEN_ALL_MET, RiskLevel.VERY_HIGH, null, NOW))
                .expectEvents(new PersonScreened(MEN_ALL_MET, RiskLevel.VERY_HIGH, ScreeningOutcome.SCREENED_IN, null));
    }

    @Test
    void recordsAScreenOutAsAnEvent() {
        ScreeningAnswers noLink = new ScreeningAnswers(true, true, null, true, false);
        fixture.given(registeredMan())
                .when(new ScreenPersonCommand(PERSON, noLink, RiskLevel.HIGH, "  ", NOW))
                .expectEvents(new PersonScreened(noLink, RiskLevel.HIGH, ScreeningOutcome.SCREENED_OUT, null));
    }

    @Test
    void screensInByOverrideWithARecordedJustification() {
        ScreeningAnswers noLink = new ScreeningAnswers(true, true, null, true, false);
        fixture.given(registeredMan())
                .when(new ScreenPersonCommand(PERSON, noLink, RiskLevel.HIGH, "Clinically justified", NOW))
                .expectEvents(new PersonScreened(noLink, RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN_BY_OVERRIDE,
                        "Clinically justified"));
    }

    @Test
    void cannotScreenWithUnansweredCriteriaOfThePathway() {
        fixture.given(registeredMan())
                .when(new ScreenPersonCommand(PERSON, new ScreeningAnswers(null, true, true, true, true), RiskLevel.HIGH, null, NOW))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void cannotScreenBeforeRegistration() {
        fixture.given(registeredMan())
                .when(new ScreenPersonCommand(PERSON, MEN_ALL_MET, RiskLevel.HIGH, null, REGISTERED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("occurredAt 2024-01-10T09:59:59Z is before person P-1 was registered (2024-01-10T10:00:00Z)");
    }

    @Test
    void refersAScreenedInPersonWithOffenderManagerSupport() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN))
                .when(referral("R-1", "S-men", true))
                .expectEvents(new ReferralMade("R-1", "S-men", ReferralSource.OFFENDER_MANAGER, true, "reason", false));
    }

    @Test
    void refersAPersonScreenedInByOverride() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN_BY_OVERRIDE))
                .when(referral("R-1", "S-all", true))
                .expectEvents(new ReferralMade("R-1", "S-all", ReferralSource.OFFENDER_MANAGER, true, "reason", false));
    }

    @Test
    void cannotReferWithoutScreening() {
        fixture.given(registeredMan())
                .when(referral("R-1", "S-men", true))
                .expectNoEvents()
                .expectExceptionMessage("Cannot refer: person P-1 is not screened");
    }

    @Test
    void cannotReferAScreenedOutPerson() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_OUT))
                .when(referral("R-1", "S-men", true))
                .expectNoEvents()
                .expectExceptionMessage("Cannot refer: person P-1 is SCREENED_OUT");
    }

    @Test
    void cannotReferWithoutOffenderManagerSupport() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN))
                .when(referral("R-1", "S-men", false))
                .expectNoEvents()
                .expectExceptionMessage("Cannot refer: the offender manager must support every referral");
    }

    @Test
    void cannotReferToAnUnknownService() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN))
                .when(referral("R-1", "S-nowhere", true))
                .expectNoEvents()
                .expectExceptionMessage("No service S-nowhere");
    }

    @Test
    void cannotReferAManToAWomensService() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN))
                .when(referral("R-1", "S-women", true))
                .expectNoEvents()
                .expectExceptionMessage("Cannot refer: service S-women is on the WOMEN pathway and person P-1 on MEN");
    }

    @Test
    void cannotHaveTwoOpenReferralsToTheSameService() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN),
                        at(NOW, new ReferralMade("R-1", "S-men", ReferralSource.PSYCHOLOGY, true, null, false)))
                .when(referral("R-2", "S-men", true))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Cannot refer: person P-1 already has open referral R-1 to service S-men");
    }

    @Test
    void cannotReuseAReferralId() {
        fixture.given(registeredMan(), screened(ScreeningOutcome.SCREENED_IN),
                        at(NOW, new ReferralMade("R-1", "S-men", ReferralSource.PSYCHOLOGY, true, null, false)))
                .when(referral("R-1", "S-all", true))
                .expectNoEvents()
                .expectExceptionMessage("Referral R-1 already exists");
    }
}
