package uk.nhs.opd.pathway.command.service;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a service's commissioned capacity. */
public record ChangeServiceCapacityCommand(@TargetAggregateIdentifier String serviceId, int capacity, Instant occurredAt)
        implements ServiceCommand {
}
