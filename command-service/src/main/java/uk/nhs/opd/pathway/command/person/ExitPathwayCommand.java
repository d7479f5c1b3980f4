package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a person left the pathway. */
public record ExitPathwayCommand(
        @TargetAggregateIdentifier String personId,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
