package uk.nhs.opd.pathway.command.service;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/** Register a commissioned OPD service. */
public record RegisterServiceCommand(
        @TargetAggregateIdentifier String serviceId,
        String name,
        ServiceType type,
        Setting setting,
        Pathway pathway,
        String region,
        int capacity,
        Instant occurredAt) implements ServiceCommand {
}
