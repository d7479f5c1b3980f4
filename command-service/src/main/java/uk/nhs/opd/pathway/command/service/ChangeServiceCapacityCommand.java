package uk.nhs.opd.pathway.command.service;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.command.api.PathwayCommand;
import uk.nhs.opd.pathway.command.problem.ErrorCode;

/** Change a service's commissioned capacity. */
public record ChangeServiceCapacityCommand(@TargetAggregateIdentifier String serviceId, int capacity, Instant occurredAt)
        implements PathwayCommand {

    @Override
    public String streamId() {
        return serviceId;
    }

    @Override
    public ErrorCode notFoundCode() {
        return ErrorCode.SERVICE_NOT_FOUND;
    }
}
