package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an open referral. */
public record WithdrawReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
