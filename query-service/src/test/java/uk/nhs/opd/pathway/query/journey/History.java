package uk.nhs.opd.pathway.query.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventTypes;
import uk.nhs.opd.pathway.events.PathwayEvent;

/** Builds one person's stream of envelopes for projection tests, with explicit business and record times. */
public final class History {

    private final String personId;
    private final List<EventEnvelope> envelopes = new ArrayList<>();

    public History(String personId) {
        this.personId = personId;
    }

    /** An event that happened on {@code date} (ISO date) and was recorded at once. */
    public History on(String date, PathwayEvent event) {
        Instant at = Instant.parse(date + "T09:00:00Z");
        return recorded(at, at.plusSeconds(60), event);
    }

    public History recorded(Instant occurredAt, Instant recordedAt, PathwayEvent event) {
        EventTypes.EventType type = EventTypes.ofClass(event.getClass()).orElseThrow();
        envelopes.add(new EventEnvelope(UUID.nameUUIDFromBytes((personId + "#" + envelopes.size()).getBytes()),
                type.name(), type.schemaVersion(), personId, null, envelopes.size(), occurredAt, recordedAt, "test",
                EventJson.toTree(event)));
        return this;
    }

    public EventEnvelope get(int sequence) {
        return envelopes.get(sequence);
    }

    public List<EventEnvelope> envelopes() {
        return List.copyOf(envelopes);
    }
}
