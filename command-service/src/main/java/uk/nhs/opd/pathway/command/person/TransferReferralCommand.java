package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Transfer a referral to another service: close it and open a linked one. */
public record TransferReferralCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        String toServiceId,
        String newReferralId,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
