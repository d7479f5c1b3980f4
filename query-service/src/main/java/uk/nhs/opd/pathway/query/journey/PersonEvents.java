package uk.nhs.opd.pathway.query.journey;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** Each person's events as received, in stream order: what journeys are folded from. */
@Repository
public class PersonEvents {

    /** The columns of {@code person_event}, as {@link #row} fills them. */
    public static final List<String> COLUMNS = List.of("person_id", "sequence", "recorded_at", "envelope");

    private final JdbcClient jdbc;

    /** The stored row of one person event. */
    public static Object[] row(EventEnvelope envelope) {
        return row(envelope, EventJson.write(envelope));
    }

    /** The stored row of one person event whose wire bytes are already at hand. */
    public static Object[] row(EventEnvelope envelope, byte[] bytes) {
        return new Object[] {envelope.personId(), envelope.sequence(), Timestamps.utc(envelope.recordedAt()), bytes};
    }

    PersonEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(EventEnvelope envelope) {
        jdbc.sql("INSERT INTO person_event (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(row(envelope)).update();
    }

    /** The person's events in stream order (empty for an unknown person). */
    public List<EventEnvelope> of(String personId) {
        return jdbc.sql("SELECT envelope FROM person_event WHERE person_id = ? ORDER BY sequence").param(personId)
                .query((row, n) -> EventJson.readEnvelope(row.getBytes(1))).list();
    }
}
