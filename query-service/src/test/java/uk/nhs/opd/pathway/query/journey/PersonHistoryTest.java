package uk.nhs.opd.pathway.query.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventJson;

class PersonHistoryTest {

    private static List<byte[]> envelopes() {
        return JourneyFoldTest.multiYear().envelopes().stream().map(EventJson::write).toList();
    }

    @Test
    void aHistoryReadsBackByteForByteInStreamOrder() {
        List<byte[]> envelopes = envelopes();
        List<byte[]> decoded = PersonHistory.decode(new PersonHistory().encode(envelopes));
        assertThat(decoded).hasSameSizeAs(envelopes);
        for (int i = 0; i < envelopes.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(envelopes.get(i));
        }
    }

    @Test
    void oneFormatEncodesHistoriesOfAnySizeInTurnAndTheSameHistoryAlwaysTheSameWay() {
        PersonHistory format = new PersonHistory();
        List<byte[]> large = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            large.add(("{\"sequence\":" + i + ",\"payload\":\"" + "x".repeat(i % 300) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        byte[] small = format.encode(envelopes());
        assertThat(PersonHistory.decode(format.encode(large))).hasSize(2_000);
        assertThat(format.encode(envelopes())).isEqualTo(small).isEqualTo(new PersonHistory().encode(envelopes()));
        assertThat(PersonHistory.decode(format.encode(List.of(new byte[0])))).singleElement()
                .satisfies(envelope -> assertThat(envelope).isEmpty());
    }

    @Test
    void aHistoryIsStoredCompressed() {
        List<byte[]> envelopes = envelopes();
        int plain = envelopes.stream().mapToInt(e -> e.length + 4).sum();
        assertThat(new PersonHistory().encode(envelopes).length).isLessThan(plain / 2);
    }

    @Test
    void aCorruptOrHostileHistoryIsRefusedNotMisread() {
        byte[] stored = new PersonHistory().encode(envelopes());

        byte[] otherFormat = stored.clone();
        otherFormat[0] = 2;
        assertThatThrownBy(() -> PersonHistory.decode(otherFormat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");

        byte[] hugeLength = stored.clone();
        hugeLength[1] = 0x7f;
        assertThatThrownBy(() -> PersonHistory.decode(hugeLength)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("states");

        // A few bytes stating far more than LZ4 can expand them to: refused before any allocation.
        byte[] inflated = {1, 0, 0x10, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> PersonHistory.decode(inflated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("states");

        byte[] truncated = Arrays.copyOf(stored, stored.length - 10);
        assertThatThrownBy(() -> PersonHistory.decode(truncated)).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> PersonHistory.decode(new byte[] {1, 0})).isInstanceOf(IllegalArgumentException.class);

        // A well-formed block whose contents state an envelope longer than what follows.
        byte[] plain = {0, 0, 0, 9, 1, 2, 3};
        assertThatThrownBy(() -> PersonHistory.decode(rawBlock(plain))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("envelope of 9 bytes");
    }

    /** A stored history around {@code plain} as it is, compressed by the format's own compressor. */
    private static byte[] rawBlock(byte[] plain) {
        net.jpountz.lz4.LZ4Compressor compressor = net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
        byte[] block = compressor.compress(plain);
        byte[] stored = new byte[5 + block.length];
        stored[0] = 1;
        stored[4] = (byte) plain.length;
        System.arraycopy(block, 0, stored, 5, block.length);
        return stored;
    }
}
