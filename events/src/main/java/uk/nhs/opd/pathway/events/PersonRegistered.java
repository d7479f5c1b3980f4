package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;

/**
 * A person under HMPPS management was registered, at the location they were in. Their date of birth and
 * identifiers are sealed in {@code personal}; {@code ageBand} is their age band on the day of registration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonRegistered(
        Pathway pathway,
        String ethnicity,
        SentenceType sentenceType,
        LocalDate tariffExpiryDate,
        LocalDate earliestReleaseDate,
        String region,
        Location location,
        String ageBand,
        SealedPersonalData personal) implements PersonEvent {
}
