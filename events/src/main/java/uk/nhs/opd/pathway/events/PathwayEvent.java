package uk.nhs.opd.pathway.events;

/**
 * A business fact of the OPD pathway. Payloads carry business facts only: the stream id, event id, sequence,
 * times and actor travel in the {@link EventEnvelope}.
 */
public sealed interface PathwayEvent permits PersonEvent, ServiceEvent {
}
