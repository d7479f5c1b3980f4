package uk.nhs.opd.pathway.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedRecordsTest {

    @Test
    void everyRecordReadsBackWhereverItLandedSmallAcrossBlocksLargerThanABlockOrAbsent() {
        BulkCopy.Blocks pool = new BulkCopy.Blocks();
        PackedRecords packed = new PackedRecords(pool);
        Random random = new Random(7);
        List<byte[]> values = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int size = i == 100 ? BulkCopy.Blocks.SIZE + 10 : i == 200 ? BulkCopy.Blocks.SIZE : random.nextInt(1_500);
            byte[] value = new byte[size];
            random.nextBytes(value);
            values.add(value);
            // A view into a larger buffer, as the Kafka client hands values over.
            ByteBuffer framed = ByteBuffer.allocate(size + 20);
            framed.position(7);
            framed.put(value);
            framed.position(7).limit(7 + size);
            numbers.add(packed.add(framed.slice()));
        }
        int absent = packed.add(null);

        for (int i = 0; i < values.size(); i++) {
            int record = numbers.get(i);
            assertThat(record).isEqualTo(i);
            assertThat(packed.copy(record)).isEqualTo(values.get(i));
            assertThat(packed.length(record)).isEqualTo(values.get(i).length);
            assertThat(packed.offset(record) + packed.length(record)).isLessThanOrEqualTo(packed.array(record).length);
        }
        assertThat(packed.absent(absent)).isTrue();
        assertThat(packed.copy(absent)).as("a null value stays null, as the live path sees it").isNull();
        assertThat(packed.absent(numbers.get(0))).isFalse();

        packed.release();
        // The pooled blocks went back: the next partition takes them instead of new ones.
        byte[] reused = pool.take();
        assertThat(reused).hasSize(BulkCopy.Blocks.SIZE);
    }
}
