package uk.nhs.opd.pathway.events;

/** A service's commissioned capacity changed. */
public record ServiceCapacityChanged(int capacity) implements ServiceEvent {
}
