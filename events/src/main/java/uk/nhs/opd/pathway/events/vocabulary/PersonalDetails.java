package uk.nhs.opd.pathway.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The personal data of a person in clear: what a command carries and what a {@link SealedPersonalData} holds once
 * encrypted with the person's key. Never stored or published in clear.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalDetails(LocalDate dateOfBirth, String crn, String prisonNumber) {
    @Override
    public String toString() {
        return "PersonalDetails[redacted]";
    }
}
