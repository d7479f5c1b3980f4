package uk.nhs.opd.pathway.query.projection;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;

/**
 * Per-stream ordering: an event is applied only if its sequence is the last applied + 1. A sequence already
 * applied is a duplicate (a no-op); a later one is held until the gap before it closes.
 */
@Component
class StreamGuard {

    enum Verdict { APPLY, DUPLICATE, EARLY }

    private final JdbcClient jdbc;

    StreamGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first key of the projections' per-stream advisory locks (two-int keys never meet one-bigint keys). */
    private static final int STREAM_LOCKS = 0x0bd5;

    /**
     * Makes this transaction the only one changing the stream until it ends: the live consumer (per event) and an
     * operator's retry or skip of a parked event (per stream) take it first, so neither acts on the other's half-done
     * state — on this instance or any other.
     */
    void lock(String streamId) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))").params(STREAM_LOCKS, streamId)
                .query(Integer.class).single();
    }

    /** The last sequence applied to a stream, or -1 before its first event. */
    long lastApplied(String streamId) {
        return jdbc.sql("SELECT last_sequence FROM stream_position WHERE stream_id = ?").param(streamId)
                .query(Long.class).optional().orElse(-1L);
    }

    Verdict judge(EventEnvelope envelope) {
        long last = lastApplied(envelope.streamId());
        if (envelope.sequence() <= last) {
            return Verdict.DUPLICATE;
        }
        return envelope.sequence() == last + 1 ? Verdict.APPLY : Verdict.EARLY;
    }

    void advance(EventEnvelope envelope) {
        jdbc.sql("""
                INSERT INTO stream_position (stream_id, last_sequence, last_event_recorded_at) VALUES (?, ?, ?)
                ON CONFLICT (stream_id) DO UPDATE
                SET last_sequence = EXCLUDED.last_sequence, last_event_recorded_at = EXCLUDED.last_event_recorded_at""")
                .params(envelope.streamId(), envelope.sequence(), Timestamps.utc(envelope.recordedAt())).update();
    }

    void hold(EventEnvelope envelope) {
        jdbc.sql("INSERT INTO held_event (stream_id, sequence, envelope) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(envelope.streamId(), envelope.sequence(), EventJson.write(envelope)).update();
    }

    /** Removes and returns the held event that comes right after the stream's last applied one, if it is there. */
    Optional<EventEnvelope> releaseNext(String streamId) {
        long next = lastApplied(streamId) + 1;
        List<byte[]> held = jdbc.sql("DELETE FROM held_event WHERE stream_id = ? AND sequence = ? RETURNING envelope")
                .params(streamId, next).query((row, n) -> row.getBytes(1)).list();
        return held.stream().findFirst().map(EventJson::readEnvelope);
    }

    /** Drops held copies the stream has already passed (a duplicate that was early when it arrived). */
    void dropStale(String streamId) {
        jdbc.sql("DELETE FROM held_event WHERE stream_id = ? AND sequence <= ?")
                .params(streamId, lastApplied(streamId)).update();
    }
}
