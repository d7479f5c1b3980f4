package uk.nhs.opd.pathway.events;

import java.time.LocalDate;
import java.util.List;
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

/** One realistic, fully populated sample per registered event type; the approval test pins their JSON. */
final class EventSamples {

    private EventSamples() {
    }

    static List<PathwayEvent> all() {
        return List.of(
                new ServiceRegistered("HMP Frankland Westgate Unit", ServiceType.TREATMENT, Setting.CUSTODY,
                        Pathway.MEN, "NORTH_EAST", 80),
                new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.IPP, LocalDate.of(2019, 6, 30),
                        null, "NORTH_EAST", new Location(LocationType.PRISON, "FKI"),
                        new PersonalDetails(LocalDate.of(1984, 2, 29), "X123456", "A1234BC")),
                new PersonScreened(new ScreeningAnswers(true, true, null, true, false), RiskLevel.HIGH,
                        ScreeningOutcome.SCREENED_IN_BY_OVERRIDE, "Link evidenced in 2023 formulation"),
                new ReferralMade("R-12", "S-westgate", ReferralSource.OFFENDER_MANAGER, true,
                        "Repeated violence in custody", true));
    }
}
