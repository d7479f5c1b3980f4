package uk.nhs.opd.pathway.events;

/** An event of one service's stream, keyed by {@code serviceId}. */
public sealed interface ServiceEvent extends PathwayEvent permits ServiceRegistered, ServiceCapacityChanged {
}
