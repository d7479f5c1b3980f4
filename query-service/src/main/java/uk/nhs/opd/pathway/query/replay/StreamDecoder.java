package uk.nhs.opd.pathway.query.replay;

import java.util.Arrays;
import uk.nhs.opd.pathway.events.EventJson;

/**
 * Decodes a stream's records with one JSON parser instead of one each: their bytes are copied back to back into a
 * buffer reused from stream to stream ({@link EventJson#decodeConsecutive}). For envelopes of a few hundred bytes,
 * creating a parser costs about as much as reading one. Not thread-safe: one per fold thread.
 */
final class StreamDecoder {

    /** A stream's bytes beyond this are decoded record by record, so one huge stream cannot hold a huge buffer. */
    private static final int MAX_BUFFER = 4 << 20;

    private byte[] buffer = new byte[64 << 10];
    private int[] ends = new int[64];
    private EventJson.Decoded[] decoded = new EventJson.Decoded[64];

    /**
     * The stream's records decoded in one pass, by their index in the stream; null where a record must be decoded by
     * itself (an absent or unreadable one, every one after it, and any beyond {@link #MAX_BUFFER}). The array is
     * reused by the next call.
     */
    EventJson.Decoded[] decode(PackedRecords.Stream records, PackedRecords packed) {
        int size = records.size();
        if (decoded.length < size) {
            decoded = new EventJson.Decoded[Math.max(size, decoded.length * 2)];
            ends = new int[decoded.length];
        } else {
            Arrays.fill(decoded, 0, size, null);
        }
        int position = 0;
        int count = 0;
        while (count < size) {
            int record = records.record(count);
            if (packed.absent(record) || packed.length(record) > MAX_BUFFER - position) {
                break;
            }
            int length = packed.length(record);
            if (buffer.length - position < length) {
                buffer = Arrays.copyOf(buffer, Math.min(MAX_BUFFER, Math.max(position + length, buffer.length * 2)));
            }
            System.arraycopy(packed.array(record), packed.offset(record), buffer, position, length);
            position += length;
            ends[count++] = position;
        }
        EventJson.decodeConsecutive(buffer, count, ends, decoded);
        return decoded;
    }
}
