package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;

/** Pause a referral (suitable but not ready, the person's choice). */
public record PauseReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        PauseReason reason,
        Instant occurredAt) implements PersonCommand {
}
