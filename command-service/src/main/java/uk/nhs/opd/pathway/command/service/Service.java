package uk.nhs.opd.pathway.command.service;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.opd.pathway.command.time.BusinessTime;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;

/** A commissioned OPD service: its stream holds its registration and later its capacity changes. */
@Aggregate
class Service {

    @AggregateIdentifier
    private String serviceId;

    Service() {
        // Axon rebuilds the aggregate from its events.
    }

    @CommandHandler
    Service(RegisterServiceCommand command, Clock clock) {
        BusinessTime.requireNotInFuture(command.occurredAt(), clock);
        this.serviceId = command.serviceId(); // so the creation event is stamped with its stream id
        apply(new ServiceRegistered(command.name(), command.type(), command.setting(), command.pathway(),
                command.region(), command.capacity()), EventMetadata.occurredAt(command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeServiceCapacityCommand command, Clock clock) {
        BusinessTime.requireNotInFuture(command.occurredAt(), clock);
        apply(new ServiceCapacityChanged(command.capacity()), EventMetadata.occurredAt(command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ServiceRegistered event, @SourceId String serviceId) {
        this.serviceId = serviceId;
    }
}
