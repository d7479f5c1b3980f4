package uk.nhs.opd.pathway.query.projection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.opd.pathway.events.EventEnvelope;

/**
 * The records operators skipped ({@code skipped_record}): a readable event by its stream, sequence and event id, a
 * record with no readable envelope by the SHA-256 of its bytes (one skip for each such record skipped). The live path
 * adds one when an operator skips a parked record; a rebuild reads them all first and passes over the same records,
 * so its reads equal the live ones. Read-only once loaded: fold threads share it.
 */
public final class SkippedRecords {

    private final Map<String, Set<String>> events = new HashMap<>();
    private final Map<String, Map<String, Integer>> unreadable = new HashMap<>();
    private long lastSkipId;

    private SkippedRecords() {
    }

    /** Every skip on record. */
    public static SkippedRecords load(JdbcClient jdbc) {
        SkippedRecords skipped = new SkippedRecords();
        jdbc.sql("SELECT skip_id, stream_id, sequence, event_id, record_sha256 FROM skipped_record").query(row -> {
            skipped.lastSkipId = Math.max(skipped.lastSkipId, row.getLong(1));
            String streamId = row.getString(2);
            if (row.getString(4) != null) {
                skipped.events.computeIfAbsent(streamId, id -> new HashSet<>()).add(eventKey(row.getLong(3), row.getString(4)));
            } else {
                skipped.unreadable.computeIfAbsent(streamId, id -> new HashMap<>())
                        .merge(HexFormat.of().formatHex(row.getBytes(5)), 1, Integer::sum);
            }
        });
        return skipped;
    }

    /** The newest skip's id when these were loaded (0 if none): a skip since means a rebuild no longer matches. */
    public long lastSkipId() {
        return lastSkipId;
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

    /**
     * The skips of the stream's unreadable records, to be passed over in arrival order: one skip of some bytes passes
     * over the first record with those bytes, not a copy that came after it.
     */
    public UnreadableSkips unreadableSkips(String streamId) {
        return new UnreadableSkips(new HashMap<>(unreadable.getOrDefault(streamId, Map.of())));
    }

    /** One stream's skips of unreadable records, used up as its records are read. */
    public static final class UnreadableSkips {
        private final Map<String, Integer> remaining;

        private UnreadableSkips(Map<String, Integer> remaining) {
            this.remaining = remaining;
        }

        /** Whether this record (null if it has no value) was skipped; if so, that skip is used up. */
        public boolean passOver(byte[] bytes) {
            if (remaining.isEmpty()) {
                return false;
            }
            String digest = HexFormat.of().formatHex(sha256(bytes));
            Integer left = remaining.get(digest);
            if (left == null) {
                return false;
            }
            if (left == 1) {
                remaining.remove(digest);
            } else {
                remaining.put(digest, left - 1);
            }
            return true;
        }
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
