package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase a person's personal data by deleting their data key. */
public record ErasePersonalDataCommand(
        @TargetAggregateIdentifier String personId,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
