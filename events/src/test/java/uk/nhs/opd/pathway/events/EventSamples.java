package uk.nhs.opd.pathway.events;

import java.time.LocalDate;
import java.util.List;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;
import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/** One realistic, fully populated sample per registered event type; the approval test pins their JSON. */
final class EventSamples {

    private EventSamples() {
    }

    static List<PathwayEvent> all() {
        return List.of(
                new ServiceRegistered("HMP Frankland Westgate Unit", ServiceType.TREATMENT, Setting.CUSTODY,
                        Pathway.MEN, "NORTH_EAST", 80),
                new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.IPP, LocalDate.of(2019, 6, 30),
                        null, "NORTH_EAST", new Location(LocationType.PRISON, "FKI"), "35-44",
                        new SealedPersonalData("v1.q3Zl0mJ0b8wq1A2xYh0XnJm2c1t4f1V6QmVhc3QtYmVzdC1jaXBoZXJ0ZXh0")),
                new PersonScreened(new ScreeningAnswers(true, true, null, true, false), RiskLevel.HIGH,
                        ScreeningOutcome.SCREENED_IN_BY_OVERRIDE, "Link evidenced in 2023 formulation"),
                new ReferralMade("R-12", "S-westgate", ReferralSource.OFFENDER_MANAGER, true,
                        "Repeated violence in custody", true),
                new ServiceCapacityChanged(96),
                new PersonIdentifierLinked(IdentifierType.CRN, new SealedPersonalData("v1.8Qm1Zx0c2VhbGVkLWNybi1leGFtcGxl")),
                new FormulationCompleted(3),
                new ReferralAccepted("R-12"),
                new ReferralRejected("R-13", "Not currently suitable: needs stabilisation first"),
                new ReferralWithdrawn("R-14", "Person transferred out of region"),
                new ReferralPaused("R-12", PauseReason.SUITABLE_NOT_READY, ReferralStatus.ACCEPTED),
                new ReferralResumed("R-12", ReferralStatus.ACCEPTED),
                new ReferralTransferred("R-15", "S-gartree", "R-16", "Closer to home"),
                new PersonAdmitted("R-12", "S-westgate", "Clinical urgency agreed by the lead clinician"),
                new PersonDeselected("S-westgate", "R-12", DeselectionInitiator.SERVICE, DeselectionDisposition.LAYDOWN,
                        DeselectionReasonCategory.MOTIVATION_BEHAVIOUR, DeselectionReason.NON_ENGAGEMENT,
                        "Outreach continues weekly"),
                new LaydownEnded("S-westgate", LaydownOutcome.READMITTED),
                new PlacementCompleted("S-westgate"),
                new PersonTransitioned(TransitionKind.PROGRESSION, new Location(LocationType.PRISON, "FMI"), "R-17",
                        "S-pipe-frankland", List.of("S-westgate")),
                new PersonReleased(ReleaseType.LICENCE, new Location(LocationType.APPROVED_PREMISES, "AP-DURHAM"),
                        List.of("S-pipe-frankland")),
                new PersonRecalled(new Location(LocationType.PRISON, "DMI"), "Breach of licence conditions", List.of()),
                new PathwayExited("Licence ended", List.of("S-iirms-ne")),
                new EventRetracted(java.util.UUID.fromString("6f1c2a8e-1d2b-4c3d-9e4f-5a6b7c8d9e0f"),
                        "Admission recorded against the wrong person", List.of("S-westgate"), List.of()),
                new PersonalDataErased("Erasure request under data protection law"));
    }
}
