package uk.nhs.opd.pathway.query.journey;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PersonEvent;
import uk.nhs.opd.pathway.query.projection.Projection;

/**
 * Keeps each person's events and, after each one, folds their journey again and rewrites the person's rows of every
 * table kept from journeys ({@link JourneyRows}). Folding the whole (short) history makes late-recorded events and
 * retractions exact.
 */
@Component
class JourneyProjection implements Projection {

    private final PersonEvents events;
    private final List<JourneyRows> tables;
    private final JdbcClient jdbc;

    JourneyProjection(PersonEvents events, List<JourneyRows> tables, JdbcClient jdbc) {
        this.events = events;
        this.tables = tables;
        this.jdbc = jdbc;
    }

    @Override
    public void apply(EventEnvelope envelope, PathwayEvent event) {
        if (!(event instanceof PersonEvent)) {
            return;
        }
        String personId = envelope.personId();
        List<EventEnvelope> history = events.append(envelope);
        // "now" is the event's record time, so what is stored is a function of the events alone (replayable).
        Journey journey = JourneyFold.fold(personId, history, JourneyFold.View.current(envelope.recordedAt()));
        for (JourneyRows table : tables) {
            jdbc.sql("DELETE FROM " + table.table() + " WHERE person_id = ?").param(personId).update();
            String insert = "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
            for (Object[] row : table.rows(personId, journey)) {
                jdbc.sql(insert).params(row).update();
            }
        }
    }
}
