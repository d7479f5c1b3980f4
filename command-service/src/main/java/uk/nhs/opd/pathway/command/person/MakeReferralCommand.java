package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;

/** Refer a person to a service. */
public record MakeReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        String serviceId,
        ReferralSource source,
        boolean offenderManagerSupports,
        String reason,
        boolean failedOtherInterventions,
        Instant occurredAt) implements PersonCommand {
}
