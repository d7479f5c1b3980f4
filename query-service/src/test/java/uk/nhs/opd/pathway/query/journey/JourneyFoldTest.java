package uk.nhs.opd.pathway.query.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventRetracted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonReleased;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.PersonTransitioned;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralResumed;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/** The journey fold called directly: segments, placements, end reasons, waits, retractions and time travel. */
public class JourneyFoldTest {

    private static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");
    private static final Location FRANKLAND = new Location(LocationType.PRISON, "FKI");
    private static final Location HATFIELD = new Location(LocationType.OPEN_PRISON, "HFI");
    private static final Location AP = new Location(LocationType.APPROVED_PREMISES, "AP-DURHAM");

    /** Registered in prison 2019, treatment with a laydown, a PIPE, open conditions, release, a community service. */
    public static History multiYear() {
        return new History("P-1")
                .on("2019-03-01", new PersonRegistered(Pathway.MEN, "BLACK_CARIBBEAN", SentenceType.DETERMINATE, null,
                        LocalDate.of(2023, 1, 15), "NORTH_EAST", FRANKLAND, "25-34", new SealedPersonalData("v1.test")))
                .on("2019-04-01", new PersonScreened(new ScreeningAnswers(true, true, null, true, true), RiskLevel.HIGH,
                        ScreeningOutcome.SCREENED_IN, null))
                .on("2019-06-01", new ReferralMade("R-tc", "S-tc", ReferralSource.OFFENDER_MANAGER, true, null, false))
                .on("2019-07-01", new ReferralAccepted("R-tc"))
                .on("2019-09-02", new PersonAdmitted("R-tc", "S-tc", null))
                .on("2020-03-02", new PersonDeselected("S-tc", "R-tc", DeselectionInitiator.PERSON,
                        DeselectionDisposition.LAYDOWN, DeselectionReasonCategory.PERSONAL, DeselectionReason.NOT_READY,
                        "Asked for a break after his mother's death"))
                .on("2020-06-01", new LaydownEnded("S-tc", LaydownOutcome.READMITTED))
                .on("2021-01-11", new ReferralMade("R-pipe", "S-pipe", ReferralSource.PSYCHOLOGY, true, null, false))
                .on("2021-02-01", new ReferralAccepted("R-pipe"))
                .on("2021-03-01", new PersonTransitioned(TransitionKind.PROGRESSION, FRANKLAND, "R-pipe", "S-pipe", List.of("S-tc")))
                .on("2022-06-01", new PersonTransitioned(TransitionKind.TO_OPEN_CONDITIONS, HATFIELD, null, null, List.of("S-pipe")))
                .on("2023-01-15", new PersonReleased(ReleaseType.LICENCE, AP, List.of()))
                .on("2023-02-01", new ReferralMade("R-day", "S-day", ReferralSource.OFFENDER_MANAGER, true,
                        "Lives with his sister on Example Road", false))
                .on("2023-02-15", new ReferralAccepted("R-day"))
                .on("2023-03-01", new PersonAdmitted("R-day", "S-day", null))
                .on("2024-03-01", new PlacementCompleted("S-day"));
    }

    private static Journey fold(History history) {
        return JourneyFold.fold("P-1", history.envelopes(), JourneyFold.View.current(NOW));
    }

    @Test
    void aMultiYearJourneyHasItsSegmentsInOrder() {
        Journey journey = fold(multiYear());

        assertThat(journey.segments()).extracting(s -> s.location().type(), Journey.Segment::setting,
                        s -> s.from().toString(), s -> String.valueOf(s.to()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PRISON", "CUSTODY", "2019-03-01T09:00:00Z", "2022-06-01T09:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("OPEN_PRISON", "CUSTODY", "2022-06-01T09:00:00Z", "2023-01-15T09:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("APPROVED_PREMISES", "COMMUNITY", "2023-01-15T09:00:00Z", "null"));
        assertThat(journey.communityToCommunity()).isTrue();
        assertThat(journey.location().code()).isEqualTo("AP-DURHAM");
    }

    @Test
    void placementsCarryTheirLaydownsAndEndReasons() {
        Journey journey = fold(multiYear());

        assertThat(journey.placements()).extracting(Journey.Placement::serviceId, Journey.Placement::endReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S-tc", "TRANSITIONED"),
                        org.assertj.core.groups.Tuple.tuple("S-pipe", "TRANSITIONED"),
                        org.assertj.core.groups.Tuple.tuple("S-day", "COMPLETED"));
        Journey.Placement treatment = journey.placements().get(0);
        assertThat(treatment.referredAt()).isEqualTo(Instant.parse("2019-06-01T09:00:00Z"));
        assertThat(treatment.acceptedAt()).isEqualTo(Instant.parse("2019-07-01T09:00:00Z"));
        assertThat(treatment.admittedAt()).isEqualTo(Instant.parse("2019-09-02T09:00:00Z"));
        assertThat(treatment.laydowns()).containsExactly(new Journey.Period(
                Instant.parse("2020-03-02T09:00:00Z"), Instant.parse("2020-06-01T09:00:00Z")));
        assertThat(treatment.endedAt()).isEqualTo(Instant.parse("2021-03-01T09:00:00Z"));
        assertThat(journey.status()).isEqualTo("SCREENED_IN");
    }

    @Test
    void referralsKeepTheirStatusHistoryAndWaits() {
        Journey.Referral treatment = fold(multiYear()).referrals().get(0);

        assertThat(treatment.statusHistory()).extracting(Journey.StatusChange::status)
                .containsExactly("MADE", "ACCEPTED", "ADMITTED", "CLOSED");
        assertThat(treatment.waitDays()).isEqualTo(63);
        assertThat(treatment.waitDaysNet()).isEqualTo(63);
        assertThat(treatment.ageBand()).isEqualTo("25-34");
    }

    @Test
    void theNetWaitLeavesOutPauses() {
        History history = new History("P-1")
                .on("2024-01-01", new PersonRegistered(Pathway.MEN, "X", SentenceType.LIFE, null, null, "r", FRANKLAND,
                        "35-44", new SealedPersonalData("v1.test")))
                .on("2024-01-02", new ReferralMade("R-1", "S-1", ReferralSource.SELF, true, null, false))
                .on("2024-01-10", new ReferralAccepted("R-1"))
                .on("2024-02-01", new ReferralPaused("R-1", PauseReason.PERSON_CHOICE, ReferralStatus.ACCEPTED))
                .on("2024-03-01", new ReferralResumed("R-1", ReferralStatus.ACCEPTED))
                .on("2024-04-09", new PersonAdmitted("R-1", "S-1", null));

        Journey.Referral referral = fold(history).referrals().get(0);

        assertThat(referral.waitDays()).isEqualTo(90);
        assertThat(referral.waitDaysNet()).isEqualTo(61);
        assertThat(referral.pauses()).hasSize(1);
    }

    @Test
    void lateRecordedEventsTakeTheirPlaceByOccurredAt() {
        History history = multiYear();
        // Recorded in 2025, it happened in 2020: a move to hospital between the laydown's start and end.
        history.recorded(Instant.parse("2020-04-01T09:00:00Z"), Instant.parse("2025-02-01T09:00:00Z"),
                new PersonTransitioned(TransitionKind.TO_HOSPITAL, new Location(LocationType.HOSPITAL, "RAMPTON"), null, null, List.of()));

        Journey journey = fold(history);

        assertThat(journey.segments()).extracting(s -> s.location().type())
                .startsWith("PRISON", "HOSPITAL", "PRISON");
        assertThat(journey.lastEventRecordedAt()).isEqualTo(Instant.parse("2025-02-01T09:00:00Z"));
    }

    @Test
    void aRetractedEventNoLongerCounts() {
        History history = multiYear();
        history.on("2024-06-01", new EventRetracted(history.get(15).eventId(), "Recorded by mistake", List.of(), List.of()));

        Journey journey = fold(history);

        assertThat(journey.placements().get(2).endedAt()).isNull();
        assertThat(journey.status()).isEqualTo("IN_SERVICE");
        assertThat(journey.retractedEventIds()).containsExactly(history.get(15).eventId().toString());
    }

    @Test
    void asOfShowsWhereThingsStoodOnADate() {
        Journey journey = JourneyFold.fold("P-1", multiYear().envelopes(),
                new JourneyFold.View(Instant.parse("2020-04-01T00:00:00Z"), null, NOW));

        assertThat(journey.status()).isEqualTo("LAYDOWN");
        assertThat(journey.communityToCommunity()).isFalse();
        assertThat(journey.segments()).hasSize(1);
    }

    @Test
    void knownAtShowsWhatThePlatformKnewOnADate() {
        History history = multiYear();
        history.recorded(Instant.parse("2020-04-01T09:00:00Z"), Instant.parse("2025-02-01T09:00:00Z"),
                new PersonTransitioned(TransitionKind.TO_HOSPITAL, new Location(LocationType.HOSPITAL, "RAMPTON"), null, null, List.of()));

        Journey known = JourneyFold.fold("P-1", history.envelopes(),
                new JourneyFold.View(null, Instant.parse("2025-01-01T00:00:00Z"), NOW));

        assertThat(known.segments()).extracting(s -> s.location().type()).doesNotContain("HOSPITAL");
    }

    @Test
    void anErasedPersonKeepsTheirPathwayFactsAndShowsAsErased() {
        History history = multiYear();
        history.on("2024-06-01", new uk.nhs.opd.pathway.events.PersonalDataErased("request"));

        Journey journey = fold(history);

        assertThat(journey.personalDataErased()).isTrue();
        assertThat(journey.placements()).hasSize(3);
        assertThat(fold(multiYear()).personalDataErased()).isFalse();
    }

    @Test
    void noJourneyBeforeRegistration() {
        assertThat(JourneyFold.fold("P-1", multiYear().envelopes(),
                new JourneyFold.View(Instant.parse("2019-01-01T00:00:00Z"), null, NOW))).isNull();
    }
}
