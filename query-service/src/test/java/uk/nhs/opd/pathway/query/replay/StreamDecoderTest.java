package uk.nhs.opd.pathway.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.journey.JourneyFoldTest;

/** A stream's records decoded with one parser equal each decoded alone; from an absent one on, they are left to be. */
class StreamDecoderTest {

    private final PackedRecords packed = new PackedRecords(new BulkCopy.Blocks());

    private PackedRecords.Stream stream(List<byte[]> values) {
        PackedRecords.Stream stream = new PackedRecords.Stream();
        for (byte[] value : values) {
            stream.add(packed.add(value == null ? null : ByteBuffer.wrap(value)));
        }
        return stream;
    }

    @Test
    void aLongStreamThenAShortOneThenOneWithAnAbsentRecordInTheMiddle() {
        List<EventEnvelope> multiYear = JourneyFoldTest.multiYear().envelopes();
        List<byte[]> long_ = multiYear.stream().map(EventJson::write).toList();
        StreamDecoder decoder = new StreamDecoder();

        EventJson.Decoded[] first = decoder.decode(stream(long_), packed);
        for (int i = 0; i < long_.size(); i++) {
            assertThat(first[i]).isEqualTo(EventJson.decode(long_.get(i)));
        }

        // The arrays are reused from stream to stream (only the first size() entries are the stream's).
        List<byte[]> short_ = long_.subList(0, 2);
        EventJson.Decoded[] second = decoder.decode(stream(short_), packed);
        assertThat(second[0]).isEqualTo(EventJson.decode(short_.get(0)));
        assertThat(second[1]).isEqualTo(EventJson.decode(short_.get(1)));

        java.util.ArrayList<byte[]> withAbsent = new java.util.ArrayList<>(long_.subList(0, 4));
        withAbsent.add(2, null);
        EventJson.Decoded[] third = decoder.decode(stream(withAbsent), packed);
        assertThat(third[0]).isEqualTo(EventJson.decode(withAbsent.get(0)));
        assertThat(third[1]).isEqualTo(EventJson.decode(withAbsent.get(1)));
        assertThat(java.util.Arrays.copyOfRange(third, 2, 5)).as("from the absent record on, each is decoded alone").containsOnlyNulls(); // where the streams before had records
    }
}
