package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;

/** Register a person under HMPPS management with the platform. */
public record RegisterPersonCommand(
        @TargetAggregateIdentifier String personId,
        Pathway pathway,
        String ethnicity,
        SentenceType sentenceType,
        LocalDate tariffExpiryDate,
        LocalDate earliestReleaseDate,
        String region,
        Location location,
        PersonalDetails personal,
        Instant occurredAt) implements PersonCommand {
}
