package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a completed case formulation. */
public record CompleteFormulationCommand(
        @TargetAggregateIdentifier String personId,
        int level,
        Instant occurredAt) implements PersonCommand {
}
