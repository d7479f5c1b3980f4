package uk.nhs.opd.pathway.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The personal data in an event, kept in one separate part of the payload so that it can be encrypted per
 * person (and erased by deleting the key) without changing the shape of any event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalDetails(LocalDate dateOfBirth, String crn, String prisonNumber) {
    @Override
    public String toString() {
        return "PersonalDetails[redacted]";
    }
}
