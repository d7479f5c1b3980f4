package uk.nhs.opd.pathway.query.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/** Loads rows with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)}: the bulk path of a rebuild. */
final class BulkCopy {

    private static final int CHUNK_ROWS = 20_000;
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private BulkCopy() {
    }

    /** Copies {@code rows} (values in {@code columns} order) into {@code table}; returns the row count. */
    static long copy(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException, IOException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)";
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long copied = 0;
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            appendRow(csv, rows.get(i));
            if ((i + 1) % CHUNK_ROWS == 0 || i == rows.size() - 1) {
                copied += copy.copyIn(sql, new StringReader(csv.toString()));
                csv.setLength(0);
            }
        }
        return copied;
    }

    /**
     * Copies the person events in PostgreSQL's binary COPY format: the envelopes go in as raw bytes (no hex text
     * to build and parse), which is most of a rebuild's volume. Rows are {@code (person_id, sequence, recorded_at,
     * envelope)}.
     */
    static long copyPersonEvents(Connection connection, String table, List<Object[]> rows) throws SQLException, IOException {
        String sql = "COPY " + table + " (person_id, sequence, recorded_at, envelope) FROM STDIN WITH (FORMAT binary)";
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeBytes("PGCOPY\n");
        out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        for (Object[] row : rows) {
            out.writeShort(4);
            byte[] personId = ((String) row[0]).getBytes(StandardCharsets.UTF_8);
            out.writeInt(personId.length);
            out.write(personId);
            out.writeInt(8);
            out.writeLong((Long) row[1]);
            out.writeInt(8);
            out.writeLong(ChronoUnit.MICROS.between(POSTGRES_EPOCH, ((OffsetDateTime) row[2]).toInstant()));
            byte[] envelope = (byte[]) row[3];
            out.writeInt(envelope.length);
            out.write(envelope);
        }
        out.writeShort(-1);
        return copy.copyIn(sql, new ByteArrayInputStream(buffer.toByteArray()));
    }

    private static void appendRow(StringBuilder csv, Object[] row) {
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                csv.append(',');
            }
            Object value = row[c];
            if (value == null) {
                continue; // an unquoted empty field is NULL in CSV format
            }
            String text = value instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                    : value instanceof Boolean b ? (b ? "t" : "f")
                    : value.toString();
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
        csv.append('\n');
    }
}
