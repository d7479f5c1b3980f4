package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a person completed their placement. */
public record CompletePlacementCommand(
        @TargetAggregateIdentifier String personId,
        String serviceId,
        Instant occurredAt) implements PersonCommand {
}
