package uk.nhs.opd.pathway.query.projection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.opd.pathway.events.EventEnvelope;

/**
 * The records operators skipped ({@code skipped_record}): a readable event by its stream, sequence and event id, a
 * record with no readable envelope by the SHA-256 of its bytes. The live path adds one when an operator skips a parked
 * record; a rebuild reads them all first and passes over the same records, so its reads equal the live ones.
 */
public final class SkippedRecords {

    private final Map<String, Set<String>> events = new HashMap<>();
    private final Map<String, Set<String>> unreadable = new HashMap<>();

    private SkippedRecords() {
    }

    /** Every skip on record. */
    public static SkippedRecords load(JdbcClient jdbc) {
        SkippedRecords skipped = new SkippedRecords();
        jdbc.sql("SELECT stream_id, sequence, event_id, record_sha256 FROM skipped_record").query(row -> {
            String streamId = row.getString(1);
            if (row.getString(3) != null) {
                skipped.events.computeIfAbsent(streamId, id -> new HashSet<>()).add(eventKey(row.getLong(2), row.getString(3)));
            } else {
                skipped.unreadable.computeIfAbsent(streamId, id -> new HashSet<>()).add(Arrays.toString(row.getBytes(4)));
            }
        });
        return skipped;
    }

    /** Records that an operator skipped this parked event (readable) of its stream. */
    static void recordEvent(JdbcClient jdbc, EventEnvelope envelope) {
        jdbc.sql("INSERT INTO skipped_record (stream_id, sequence, event_id) VALUES (?, ?, ?)")
                .params(envelope.streamId(), envelope.sequence(), String.valueOf(envelope.eventId())).update();
    }

    /** Records that an operator skipped this record of the stream, which has no readable envelope, parked at {@code sequence}. */
    static void recordUnreadable(JdbcClient jdbc, String streamId, long sequence, byte[] bytes) {
        jdbc.sql("INSERT INTO skipped_record (stream_id, sequence, record_sha256) VALUES (?, ?, ?)")
                .params(streamId, sequence, sha256(bytes)).update();
    }

    public boolean isEmpty() {
        return events.isEmpty() && unreadable.isEmpty();
    }

    /** Whether this event of its stream was skipped. */
    public boolean skipped(EventEnvelope envelope) {
        Set<String> stream = events.get(envelope.streamId());
        return stream != null && stream.contains(eventKey(envelope.sequence(), String.valueOf(envelope.eventId())));
    }

    /** Whether this record of the stream, which has no readable envelope (null if it has no value), was skipped. */
    public boolean skippedUnreadable(String streamId, byte[] bytes) {
        Set<String> stream = unreadable.get(streamId);
        return stream != null && stream.contains(Arrays.toString(sha256(bytes)));
    }

    private static String eventKey(long sequence, String eventId) {
        return sequence + "/" + eventId;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
