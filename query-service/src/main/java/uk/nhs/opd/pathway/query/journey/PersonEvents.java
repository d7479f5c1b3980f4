package uk.nhs.opd.pathway.query.journey;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;

/** Each person's events as received, in stream order: what journeys are folded from. */
@Repository
public class PersonEvents {

    private final JdbcClient jdbc;

    PersonEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(EventEnvelope envelope) {
        jdbc.sql("INSERT INTO person_event (person_id, sequence, envelope) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(envelope.personId(), envelope.sequence(), EventJson.write(envelope)).update();
    }

    /** The person's events in stream order (empty for an unknown person). */
    public List<EventEnvelope> of(String personId) {
        return jdbc.sql("SELECT envelope FROM person_event WHERE person_id = ? ORDER BY sequence").param(personId)
                .query((row, n) -> EventJson.readEnvelope(row.getBytes(1))).list();
    }
}
