package uk.nhs.opd.pathway.command.relay;

import uk.nhs.opd.pathway.events.EventEnvelope;

/** An event as committed in the store: its place in the global, commit-ordered log and its wire envelope. */
record StoredEvent(long position, EventEnvelope envelope) {
}
