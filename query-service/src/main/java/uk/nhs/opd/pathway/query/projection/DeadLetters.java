package uk.nhs.opd.pathway.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;

/**
 * Events that failed to apply. The stream's position stays before a parked event, so every later event of that
 * stream is held behind it in order, while all other streams keep flowing.
 */
@Component
class DeadLetters {

    private final JdbcClient jdbc;

    DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void park(EventEnvelope envelope, Exception failure) {
        // The error text is the exception class and message of our own code, never the payload (personal data).
        String error = failure.getClass().getSimpleName() + ": " + String.valueOf(failure.getMessage());
        jdbc.sql("""
                INSERT INTO dead_letter (stream_id, sequence, event_id, type, error, envelope) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (stream_id, sequence) DO NOTHING""")
                .params(envelope.streamId(), envelope.sequence(), String.valueOf(envelope.eventId()), envelope.type(),
                        error.length() > 500 ? error.substring(0, 500) : error, EventJson.write(envelope))
                .update();
    }

    boolean isParked(String streamId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dead_letter WHERE stream_id = ?)").param(streamId)
                .query(Boolean.class).single();
    }

    long depth() {
        return jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single();
    }
}
