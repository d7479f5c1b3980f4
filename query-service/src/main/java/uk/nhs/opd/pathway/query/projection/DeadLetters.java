package uk.nhs.opd.pathway.query.projection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        insert(DeadLetterRows.parked(envelope, EventJson.write(envelope), failure));
    }

    /** Parks a record of {@code streamId} that has no readable envelope ({@link DeadLetterRows#unreadable}). */
    void parkUnreadable(String streamId, long lastApplied, byte[] bytes, Exception failure) {
        long lastParked = jdbc.sql("SELECT COALESCE(MAX(sequence), -1) FROM dead_letter WHERE stream_id = ?").param(streamId)
                .query(Long.class).single();
        insert(DeadLetterRows.unreadable(streamId, lastApplied, lastParked, bytes, failure));
    }

    private void insert(Object[] row) {
        jdbc.sql("INSERT INTO dead_letter (" + String.join(", ", DeadLetterRows.COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (stream_id, sequence) DO NOTHING")
                .params(row).update();
    }

    /** A parked event as the admin API lists it. */
    record Parked(String streamId, long sequence, String eventId, String type, String error, Instant parkedAt,
                  long heldBehind) {
    }

    List<Parked> list() {
        return jdbc.sql("""
                SELECT d.stream_id, d.sequence, d.event_id, d.type, d.error, d.parked_at,
                       (SELECT count(*) FROM held_event h WHERE h.stream_id = d.stream_id) AS held
                FROM dead_letter d ORDER BY d.parked_at, d.stream_id, d.sequence""")
                .query((rs, n) -> new Parked(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Timestamps.instant(rs, "parked_at"), rs.getLong(7)))
                .list();
    }

    /** Removes a parked record and returns its bytes, if it is parked. */
    Optional<byte[]> take(String streamId, long sequence) {
        return jdbc.sql("DELETE FROM dead_letter WHERE stream_id = ? AND sequence = ? RETURNING envelope")
                .params(streamId, sequence).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** The highest sequence parked for the stream: its most recently parked record. */
    Optional<Long> lastParked(String streamId) {
        return jdbc.sql("SELECT max(sequence) FROM dead_letter WHERE stream_id = ?").param(streamId)
                .query(Long.class).optional();
    }

    boolean isParked(String streamId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dead_letter WHERE stream_id = ?)").param(streamId)
                .query(Boolean.class).single();
    }

    long depth() {
        return jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single();
    }
}
