package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resume a paused referral to exactly the state it was paused from. */
public record ResumeReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        Instant occurredAt) implements PersonCommand {
}
