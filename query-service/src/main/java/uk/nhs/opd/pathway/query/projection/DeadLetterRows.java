package uk.nhs.opd.pathway.query.projection;

import java.util.List;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;

/**
 * The rows of {@code dead_letter}: one definition for the live path, which parks events one at a time, and a
 * rebuild, which bulk-loads them, so both park the same thing in the same place.
 */
public final class DeadLetterRows {

    /** The columns of {@code dead_letter}, as the rows below fill them. */
    public static final List<String> COLUMNS = List.of("stream_id", "sequence", "event_id", "type", "error", "envelope");

    private static final int MAX_ERROR = 500;

    private DeadLetterRows() {
    }

    /** An event that failed to apply, parked at its own sequence. */
    public static Object[] parked(EventEnvelope envelope, byte[] bytes, Exception failure) {
        return new Object[] {envelope.streamId(), envelope.sequence(), String.valueOf(envelope.eventId()), envelope.type(),
                error(failure), bytes};
    }

    /**
     * A record of a stream (its key) with no readable envelope, or one naming another stream. It has no sequence of
     * its own, so it is parked in the place of the event the stream expects next, after any event already parked
     * there: the stream's later events are held behind it until an operator skips it.
     *
     * @param lastApplied the stream's last applied sequence (-1 before its first event)
     * @param lastParked  the highest sequence parked for the stream (-1 if none)
     */
    public static Object[] unreadable(String streamId, long lastApplied, long lastParked, byte[] bytes, Exception failure) {
        return new Object[] {streamId, Math.max(lastApplied, lastParked) + 1, null, null, "Unreadable record: " + error(failure),
                bytes == null ? new byte[0] : bytes};
    }

    /**
     * A record's envelope, read as the projections read it: the record key is the stream id (API.md), so an envelope
     * naming another stream is refused like an unreadable one (it would be ordered with the wrong stream).
     *
     * @throws RuntimeException why the record is not an envelope of its key's stream
     */
    public static EventEnvelope envelopeOf(String key, byte[] bytes) {
        EventEnvelope envelope = EventJson.readEnvelope(bytes);
        if (key != null && !key.equals(envelope.streamId())) {
            throw new IllegalArgumentException(streamMismatch(envelope.streamId()));
        }
        return envelope;
    }

    /** The error of an envelope whose stream is not its record key. */
    public static String streamMismatch(String envelopeStream) {
        return "the envelope is of stream " + envelopeStream + ", not of its record key";
    }

    /** The exception class and message of our own code, never the payload (personal data). */
    private static String error(Exception failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    }
}
