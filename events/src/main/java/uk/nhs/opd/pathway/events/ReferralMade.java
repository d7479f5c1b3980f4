package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;

/** A person was referred to a service, with their offender manager's support. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralMade(
        String referralId,
        String serviceId,
        ReferralSource source,
        boolean offenderManagerSupports,
        String reason,
        boolean failedOtherInterventions) implements PersonEvent {
}
