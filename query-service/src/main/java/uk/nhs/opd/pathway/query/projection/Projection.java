package uk.nhs.opd.pathway.query.projection;

import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.PathwayEvent;

/**
 * A read model fed by the event stream. It is called once per event, in per-stream order, inside the transaction
 * that also records the stream's sequence and the consumer position; it ignores events it does not need.
 */
public interface Projection {

    void apply(EventEnvelope envelope, PathwayEvent event);
}
