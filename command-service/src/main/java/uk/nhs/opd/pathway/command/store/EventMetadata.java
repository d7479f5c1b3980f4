package uk.nhs.opd.pathway.command.store;

import java.time.Instant;
import org.axonframework.messaging.MetaData;

/**
 * The keys of the facts that travel beside an event's payload in Axon's metadata and end up in the envelope.
 * {@code recordedAt} is Axon's own timestamp; {@code occurredAt} is business time, which may be earlier.
 */
public final class EventMetadata {

    /** When the fact happened in the world (business time). */
    public static final String OCCURRED_AT = "occurredAt";
    /** Who recorded it: the authenticated caller. Copied from the command's metadata onto every event it causes. */
    public static final String ACTOR = "actor";

    private EventMetadata() {
    }

    /** Metadata for an event that happened at {@code occurredAt}. */
    public static MetaData occurredAt(Instant occurredAt) {
        return MetaData.with(OCCURRED_AT, occurredAt.toString());
    }
}
