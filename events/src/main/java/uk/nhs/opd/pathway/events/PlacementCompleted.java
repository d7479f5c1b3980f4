package uk.nhs.opd.pathway.events;

/** A person completed their placement at a service. */
public record PlacementCompleted(String serviceId) implements PersonEvent {
}
