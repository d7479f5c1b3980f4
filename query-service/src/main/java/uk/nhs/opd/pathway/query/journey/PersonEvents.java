package uk.nhs.opd.pathway.query.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/**
 * Each person's events as received, in stream order: what journeys are folded from. They live in one
 * {@code person_history} row per person ({@link PersonHistory} is its format), with the count and the first event's
 * record time beside them.
 */
@Repository
public class PersonEvents {

    /** The columns of {@code person_history}, as {@link #row} fills them. */
    public static final List<String> COLUMNS = List.of("person_id", "event_count", "first_recorded_at", "events");

    private final JdbcClient jdbc;

    /**
     * The stored row of a person's history: {@code eventCount} events, the first recorded at {@code firstRecordedAt},
     * in their stored form ({@link PersonHistory}).
     */
    public static Object[] row(String personId, int eventCount, Instant firstRecordedAt, byte[] history) {
        return new Object[] {personId, eventCount, Timestamps.utc(firstRecordedAt), history};
    }

    PersonEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the person's next event and returns their events with it, in stream order. A sequence at or below the last
     * stored is a duplicate and changes nothing. One beyond the next is stored after the last: the stream guard lets
     * it through only when an operator skipped the events between (parked ones), so the history has a gap there.
     */
    List<EventEnvelope> append(EventEnvelope envelope) {
        String personId = envelope.personId();
        List<byte[]> stored = new ArrayList<>(storedEnvelopes(personId, true));
        List<EventEnvelope> events = decode(stored);
        long last = events.isEmpty() ? -1 : events.get(events.size() - 1).sequence();
        if (envelope.sequence() > last) {
            byte[] bytes = EventJson.write(envelope);
            stored.add(bytes);
            events.add(EventJson.readEnvelope(bytes)); // as a rebuild reads it back: the same fold either way
            Object[] row = row(personId, stored.size(), events.get(0).recordedAt(), new PersonHistory().encode(stored));
            jdbc.sql("INSERT INTO person_history (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (person_id) DO UPDATE SET event_count = EXCLUDED.event_count, events = EXCLUDED.events")
                    .params(row).update();
        }
        return events;
    }

    /** The person's events in stream order (empty for an unknown person). */
    public List<EventEnvelope> of(String personId) {
        return decode(storedEnvelopes(personId, false));
    }

    /** The bytes of each of the person's events as stored, in stream order (empty for an unknown person). */
    public List<byte[]> storedEnvelopes(String personId) {
        return storedEnvelopes(personId, false);
    }

    private List<byte[]> storedEnvelopes(String personId, boolean forUpdate) {
        return jdbc.sql("SELECT events FROM person_history WHERE person_id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(personId).query((row, n) -> PersonHistory.decode(row.getBytes(1))).optional().orElse(List.of());
    }

    private static List<EventEnvelope> decode(List<byte[]> envelopes) {
        List<EventEnvelope> events = new ArrayList<>(envelopes.size());
        for (byte[] envelope : envelopes) {
            events.add(EventJson.readEnvelope(envelope));
        }
        return events;
    }
}
