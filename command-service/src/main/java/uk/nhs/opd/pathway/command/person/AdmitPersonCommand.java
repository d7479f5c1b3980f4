package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admit a person to a service from an accepted referral. */
public record AdmitPersonCommand(
        @TargetAggregateIdentifier String personId,
        String referralId,
        String capacityOverrideReason,
        Instant occurredAt) implements PersonCommand {
}
