package uk.nhs.opd.pathway.query.replay;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/** Loads rows with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)}: the bulk path of a rebuild. */
final class BulkCopy {

    private static final int CHUNK_ROWS = 20_000;

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
