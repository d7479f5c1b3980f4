package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/** A commissioned OPD service was registered with the platform. */
public record ServiceRegistered(
        String name,
        ServiceType type,
        Setting setting,
        Pathway pathway,
        String region,
        int capacity) implements ServiceEvent {
}
