package uk.nhs.opd.pathway.query.journey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import uk.nhs.opd.pathway.query.Lz4;

/**
 * How one person's events are stored in {@code person_history.events}: their envelopes' bytes in stream order, each
 * after its length, as one LZ4 block — a version byte {@code 1}, the uncompressed length and the block. One row per
 * person instead of one per event: a rebuild writes a row and a primary-key entry per person, not per event, and a
 * person's history (which compresses about 2.7 times, the same field names and ids recurring) costs PostgreSQL a
 * third of the bytes. Every read is checked: lengths in range, the block whole, nothing left over.
 *
 * <p>An instance reuses its buffers (they grow to the largest history it encoded): one per thread.
 */
public final class PersonHistory {

    private static final byte FORMAT = 1;
    private static final int HEADER = 5;
    /** Far beyond any person's history; a larger stated length is a corrupt or hostile row, not an allocation. */
    private static final int MAX_UNCOMPRESSED = 256 << 20;
    private static final LZ4Factory LZ4 = Lz4.factory();

    private final LZ4Compressor compressor = LZ4.fastCompressor();
    private byte[] plain = new byte[0];
    private byte[] packed = new byte[0];

    private int length;

    /** The stored form of these envelopes (stream order). */
    public byte[] encode(List<byte[]> envelopes) {
        begin();
        for (byte[] envelope : envelopes) {
            add(envelope, 0, envelope.length);
        }
        return end();
    }

    /** Starts a history, to be given its envelopes in stream order ({@link #add}) and then stored ({@link #end}). */
    public void begin() {
        length = 0;
    }

    /** Adds the next envelope: {@code length} bytes of {@code buffer} from {@code offset}. */
    public void add(byte[] buffer, int offset, int envelopeLength) {
        int needed = length + 4 + envelopeLength;
        if (needed < 0 || needed > MAX_UNCOMPRESSED) {
            throw new IllegalArgumentException("A person's history over " + MAX_UNCOMPRESSED + " bytes is over the limit");
        }
        if (plain.length < needed) {
            plain = Arrays.copyOf(plain, Math.max(needed, Math.min(MAX_UNCOMPRESSED, plain.length * 2)));
        }
        writeInt(plain, length, envelopeLength);
        System.arraycopy(buffer, offset, plain, length + 4, envelopeLength);
        length = needed;
    }

    /** The stored form of the envelopes added since {@link #begin}. */
    public byte[] end() {
        int bound = HEADER + compressor.maxCompressedLength(length);
        if (packed.length < bound) {
            packed = new byte[Math.max(bound, packed.length * 2)];
        }
        packed[0] = FORMAT;
        writeInt(packed, 1, length);
        int compressed = compressor.compress(plain, 0, length, packed, HEADER, bound - HEADER);
        return Arrays.copyOf(packed, HEADER + compressed);
    }

    /** The envelopes' bytes of a stored history, in stream order. */
    public static List<byte[]> decode(byte[] stored) {
        if (stored.length < HEADER || stored[0] != FORMAT) {
            throw new IllegalArgumentException("Not a person history of format " + FORMAT);
        }
        int length = readInt(stored, 1);
        // LZ4 compresses at most ~255 to 1: a larger stated length is a corrupt or hostile row, not an allocation.
        if (length < 0 || length > MAX_UNCOMPRESSED || length > (stored.length - HEADER) * 255L + 16) {
            throw new IllegalArgumentException("A person history states " + length + " bytes");
        }
        byte[] plain = new byte[length];
        LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
        int decompressed;
        try {
            decompressed = decompressor.decompress(stored, HEADER, stored.length - HEADER, plain, 0, length);
        } catch (LZ4Exception corrupt) {
            throw new IllegalArgumentException("A person history does not decompress", corrupt);
        }
        if (decompressed != length) {
            throw new IllegalArgumentException("A person history holds " + decompressed + " bytes, not " + length);
        }
        List<byte[]> envelopes = new ArrayList<>();
        int position = 0;
        while (position < length) {
            if (length - position < 4) {
                throw new IllegalArgumentException("A person history ends inside a length");
            }
            int size = readInt(plain, position);
            position += 4;
            if (size < 0 || size > length - position) {
                throw new IllegalArgumentException("A person history states an envelope of " + size + " bytes");
            }
            envelopes.add(Arrays.copyOfRange(plain, position, position + size));
            position += size;
        }
        return envelopes;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }
}
