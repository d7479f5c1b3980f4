package uk.nhs.opd.pathway.query.replay;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A partition's record values as a rebuild reads them, packed one after another into pooled blocks
 * ({@link BulkCopy.Blocks}), each record known by its number. They wait to be folded for a good part of a second:
 * as a hundred thousand small arrays the garbage collector would copy them at every young collection in that time; in
 * blocks that are reused from one partition to the next it has almost nothing to copy. Not thread-safe: one thread
 * fills it, then one folds it.
 */
final class PackedRecords {

    /** The numbers of one stream's records, in arrival order. */
    static final class Stream {
        private int[] records = new int[16];
        private int size;

        void add(int record) {
            if (size == records.length) {
                records = Arrays.copyOf(records, size * 2);
            }
            records[size++] = record;
        }

        int size() {
            return size;
        }

        int record(int index) {
            return records[index];
        }
    }

    private static final int ABSENT = -1;

    private final BulkCopy.Blocks pool;
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<byte[]> pooled = new ArrayList<>();
    private byte[] current;
    private int currentIndex;
    private int position;
    private int[] block = new int[1024];
    private int[] offset = new int[1024];
    private int[] length = new int[1024];
    private int count;

    PackedRecords(BulkCopy.Blocks pool) {
        this.pool = pool;
    }

    /** Copies a record's value in and returns its number; an absent value (null) stays absent. */
    int add(ByteBuffer value) {
        if (value == null) {
            grow();
            place(-1, 0, ABSENT);
            return count - 1;
        }
        int size = value.remaining();
        grow();
        if (size > BulkCopy.Blocks.SIZE) {
            // Larger than a block: a block of its own, not pooled.
            byte[] own = new byte[size];
            value.duplicate().get(own);
            blocks.add(own);
            place(blocks.size() - 1, 0, size);
            return count - 1;
        }
        if (current == null || BulkCopy.Blocks.SIZE - position < size) {
            current = pool.take();
            pooled.add(current);
            blocks.add(current);
            currentIndex = blocks.size() - 1;
            position = 0;
        }
        if (size > 0) {
            value.duplicate().get(current, position, size);
        }
        place(currentIndex, position, size);
        position += size;
        return count - 1;
    }

    private void grow() {
        if (count == block.length) {
            block = Arrays.copyOf(block, count * 2);
            offset = Arrays.copyOf(offset, count * 2);
            length = Arrays.copyOf(length, count * 2);
        }
    }

    private void place(int blockIndex, int at, int size) {
        block[count] = blockIndex;
        offset[count] = at;
        length[count] = size;
        count++;
    }

    /** Whether the record has no value at all (a null, not an empty one). */
    boolean absent(int record) {
        return length[record] == ABSENT;
    }

    /** The array holding a record's bytes, from {@link #offset} for {@link #length}; not for an absent one. */
    byte[] array(int record) {
        return blocks.get(block[record]);
    }

    int offset(int record) {
        return offset[record];
    }

    int length(int record) {
        return length[record];
    }

    /** A record's bytes in an array of their own, null for an absent value. */
    byte[] copy(int record) {
        if (absent(record)) {
            return null;
        }
        return Arrays.copyOfRange(array(record), offset[record], offset[record] + length[record]);
    }

    /** Gives the pooled blocks back; the records must not be read after. */
    void release() {
        pool.give(pooled);
        pooled.clear();
        blocks.clear();
        current = null;
    }
}
