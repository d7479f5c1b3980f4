package uk.nhs.opd.pathway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Envelopes back to back read with one parser give what reading each alone gives, and stop at the first doubtful one. */
class EventJsonConsecutiveTest {

    private static List<byte[]> envelopes() {
        List<byte[]> envelopes = new ArrayList<>();
        long sequence = 0;
        for (PathwayEvent sample : EventSamples.all()) {
            EventTypes.EventType type = EventTypes.ofClass(sample.getClass()).orElseThrow();
            envelopes.add(EventJson.write(new EventEnvelope(UUID.nameUUIDFromBytes(new byte[] {(byte) sequence}), type.name(),
                    type.schemaVersion(), "P-1", null, sequence, Instant.parse("2025-03-01T09:30:00Z").plusSeconds(sequence),
                    Instant.parse("2025-03-01T09:30:01Z").plusSeconds(sequence), "test", EventJson.toTree(sample))));
            sequence++;
        }
        return envelopes;
    }

    private static EventJson.Decoded[] decodeConsecutive(List<byte[]> records) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int[] ends = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            buffer.writeBytes(records.get(i));
            ends[i] = buffer.size();
        }
        EventJson.Decoded[] decoded = new EventJson.Decoded[records.size()];
        EventJson.decodeConsecutive(buffer.toByteArray(), records.size(), ends, decoded);
        return decoded;
    }

    @Test
    void everyEnvelopeReadsAsItReadsAlone() {
        List<byte[]> records = envelopes();
        EventJson.Decoded[] decoded = decodeConsecutive(records);
        assertThat(decoded).hasSize(EventSamples.all().size()).doesNotContainNull();
        for (int i = 0; i < records.size(); i++) {
            assertThat(decoded[i]).isEqualTo(EventJson.decode(records.get(i)));
        }
    }

    @Test
    void fromTheFirstMalformedOrMisplacedEnvelopeOnEachIsLeftToBeReadAlone() {
        List<byte[]> records = new ArrayList<>(envelopes().subList(0, 4));
        records.add(2, "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        EventJson.Decoded[] decoded = decodeConsecutive(records);
        assertThat(decoded[0]).isEqualTo(EventJson.decode(records.get(0)));
        assertThat(decoded[1]).isEqualTo(EventJson.decode(records.get(1)));
        assertThat(java.util.Arrays.copyOfRange(decoded, 2, 5)).containsOnlyNulls();

        // Trailing bytes inside a record: it does not end where stated, so neither it nor the next is trusted.
        List<byte[]> trailing = new ArrayList<>(envelopes().subList(0, 3));
        trailing.set(1, (new String(trailing.get(1), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
        EventJson.Decoded[] afterTrailing = decodeConsecutive(trailing);
        assertThat(afterTrailing[0]).isNotNull();
        assertThat(afterTrailing[1]).isNull();
        assertThat(afterTrailing[2]).isNull();

        // An envelope of an unknown type goes the slower way: so does every one after it.
        List<byte[]> unknown = new ArrayList<>(envelopes().subList(0, 3));
        unknown.set(1, new String(unknown.get(1), StandardCharsets.UTF_8).replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":99")
                .getBytes(StandardCharsets.UTF_8));
        EventJson.Decoded[] afterUnknown = decodeConsecutive(unknown);
        assertThat(afterUnknown[0]).isNotNull();
        assertThat(afterUnknown[1]).isNull();
        assertThat(afterUnknown[2]).isNull();
    }
}
