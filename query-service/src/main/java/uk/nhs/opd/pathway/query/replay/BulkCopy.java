package uk.nhs.opd.pathway.query.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rows of one table in PostgreSQL's binary {@code COPY} format, encoded as they are folded and loaded with one
 * {@code COPY ... FROM STDIN (FORMAT binary)}: the bulk path of a rebuild. Binary needs no text to build in Java nor
 * to parse in PostgreSQL (timestamps, booleans, the envelopes' bytes); each value is encoded for its column's type as
 * the catalogue gives it, so the row definitions stay the live path's {@code Object[]}s.
 */
final class BulkCopy {

    /** How a column's values are encoded: one per PostgreSQL type a projection table uses. */
    enum Type {
        TEXT, INT2, INT4, INT8, BOOL, TIMESTAMPTZ, DATE, BYTEA,
        /** {@code varchar[]} from a {@code String[]}: a one-dimensional array of {@code varchar} (oid 1043) without nulls. */
        VARCHAR_ARRAY
    }

    private static final int VARCHAR_OID = 1043;

    /** A table to load: its columns in row order and their types. */
    record Table(String name, List<String> columns, List<Type> types) {

        /** Reads the types of {@code columns} of {@code name} from the catalogue. */
        static Table of(Connection connection, String name, List<String> columns) throws SQLException {
            Map<String, Integer> typeOids = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        typeOids.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
            List<Type> types = new ArrayList<>();
            for (String column : columns) {
                Integer oid = typeOids.get(column);
                types.add(switch (oid == null ? -1 : oid) {
                    case 25, 1042, 1043 -> Type.TEXT;
                    case 21 -> Type.INT2;
                    case 23 -> Type.INT4;
                    case 20 -> Type.INT8;
                    case 16 -> Type.BOOL;
                    case 1184 -> Type.TIMESTAMPTZ;
                    case 1082 -> Type.DATE;
                    case 17 -> Type.BYTEA;
                    case 1015 -> Type.VARCHAR_ARRAY;
                    default -> throw new IllegalStateException("A rebuild cannot bulk-load column " + name + "." + column
                            + " (type oid " + oid + "): give BulkCopy an encoder for its type");
                });
            }
            return new Table(name, List.copyOf(columns), List.copyOf(types));
        }
    }

    /** Reusable 1 MB blocks: the encoded rows of a partition live in them from folding until loaded, then go back. */
    static final class Blocks {
        static final int SIZE = 1 << 20;
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

        byte[] take() {
            byte[] block = free.poll();
            return block != null ? block : new byte[SIZE];
        }

        void give(List<byte[]> blocks) {
            free.addAll(blocks);
        }
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final long POSTGRES_EPOCH_DAY = 10_957L;

    private final Table table;
    private final Blocks pool;
    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int position;
    private long rows;

    BulkCopy(Table table, Blocks pool) {
        this.table = table;
        this.pool = pool;
        this.block = pool.take();
        blocks.add(block);
        write(HEADER, 0, HEADER.length);
    }

    Table table() {
        return table;
    }

    long rows() {
        return rows;
    }

    /** Encodes one row, its values in the table's column order. */
    void add(Object[] row) {
        if (row.length != table.types().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.types().size() + " columns, not " + row.length);
        }
        writeShort(row.length);
        for (int c = 0; c < row.length; c++) {
            Object value = row[c];
            if (value == null) {
                writeInt(-1);
                continue;
            }
            switch (table.types().get(c)) {
                case TEXT -> {
                    byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                    writeInt(text.length);
                    write(text, 0, text.length);
                }
                case INT2 -> {
                    writeInt(2);
                    writeShort(((Number) value).shortValue());
                }
                case INT4 -> {
                    writeInt(4);
                    writeInt(((Number) value).intValue());
                }
                case INT8 -> {
                    writeInt(8);
                    writeLong(((Number) value).longValue());
                }
                case BOOL -> {
                    writeInt(1);
                    writeByte((Boolean) value ? 1 : 0);
                }
                case TIMESTAMPTZ -> {
                    writeInt(8);
                    writeLong(microsSincePostgresEpoch(value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value));
                }
                case DATE -> {
                    writeInt(4);
                    writeInt((int) (((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY));
                }
                case BYTEA -> {
                    byte[] bytes = (byte[]) value;
                    writeInt(bytes.length);
                    write(bytes, 0, bytes.length);
                }
                case VARCHAR_ARRAY -> writeVarcharArray((String[]) value);
            }
        }
        rows++;
    }

    /** PostgreSQL's binary array: dimensions, a has-nulls flag, the element type, each dimension's length and lower bound. */
    private void writeVarcharArray(String[] values) {
        byte[][] elements = new byte[values.length][];
        int length = values.length == 0 ? 12 : 20;
        for (int i = 0; i < values.length; i++) {
            elements[i] = values[i].getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        writeInt(length);
        writeInt(values.length == 0 ? 0 : 1);
        writeInt(0);
        writeInt(VARCHAR_OID);
        if (values.length > 0) {
            writeInt(values.length);
            writeInt(1);
        }
        for (byte[] element : elements) {
            writeInt(element.length);
            write(element, 0, element.length);
        }
    }

    /**
     * Microseconds since 2000-01-01 UTC, PostgreSQL's {@code timestamptz}, rounded half up from nanoseconds as the JDBC
     * driver rounds them for the live path.
     */
    static long microsSincePostgresEpoch(Instant instant) {
        return (instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + (instant.getNano() + 500) / 1000;
    }

    /** Loads the rows with one {@code COPY} and gives the blocks back; returns the row count PostgreSQL reports. */
    long load(Connection connection) throws SQLException {
        String sql = "COPY " + table.name() + " (" + String.join(", ", table.columns()) + ") FROM STDIN WITH (FORMAT binary)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            for (int i = 0; i < blocks.size(); i++) {
                copy.writeToCopy(blocks.get(i), 0, i == blocks.size() - 1 ? position : Blocks.SIZE);
            }
            copy.writeToCopy(TRAILER, 0, TRAILER.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            release();
        }
    }

    /** Gives the blocks back without loading. */
    void release() {
        pool.give(blocks);
        blocks.clear();
        block = null;
    }

    private void writeByte(int value) {
        if (position == Blocks.SIZE) {
            nextBlock();
        }
        block[position++] = (byte) value;
    }

    private void writeShort(int value) {
        writeByte(value >>> 8);
        writeByte(value);
    }

    private void writeInt(int value) {
        if (Blocks.SIZE - position >= 4) {
            INT.set(block, position, value);
            position += 4;
        } else {
            for (int shift = 24; shift >= 0; shift -= 8) {
                writeByte(value >>> shift);
            }
        }
    }

    private void writeLong(long value) {
        if (Blocks.SIZE - position >= 8) {
            LONG.set(block, position, value);
            position += 8;
        } else {
            writeInt((int) (value >>> 32));
            writeInt((int) value);
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (position == Blocks.SIZE) {
                nextBlock();
            }
            int n = Math.min(length, Blocks.SIZE - position);
            System.arraycopy(bytes, offset, block, position, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    private void nextBlock() {
        block = pool.take();
        blocks.add(block);
        position = 0;
    }
}
