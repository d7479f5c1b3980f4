package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retract an event recorded by mistake. */
public record RetractEventCommand(
        @TargetAggregateIdentifier String personId,
        java.util.UUID eventId,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
