package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.ReferralDecision;

/** Accept or reject a referral. */
public record DecideReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        ReferralDecision outcome,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
