package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import uk.nhs.opd.pathway.query.journey.PersonEvents;
import uk.nhs.opd.pathway.query.journey.PersonHistory;

/**
 * Flyway V3: each person's events move from one {@code person_event} row per event to one {@code person_history} row
 * per person ({@link PersonHistory}). A Java migration because the new format is compressed in Java; it runs in
 * Flyway's transaction, streaming the old rows person by person, so a failure leaves the old table as it was. It sits in
 * Flyway's own package for Java migrations, so every Flyway run finds it beside the SQL ones, with or without Spring.
 */
public class V3__PersonHistory extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE person_history (
                        person_id         VARCHAR(100) NOT NULL PRIMARY KEY,
                        event_count       INT          NOT NULL,
                        first_recorded_at TIMESTAMPTZ  NOT NULL,
                        events            BYTEA        NOT NULL
                    ) WITH (toast_tuple_target = 8160)""");
            // Already compressed: stored as it is, without PostgreSQL trying to compress it again, and in the row
            // itself up to a whole page (most histories) rather than in TOAST chunks with an index of their own.
            statement.execute("ALTER TABLE person_history ALTER COLUMN events SET STORAGE EXTERNAL");
        }
        PersonHistory format = new PersonHistory();
        try (Statement read = connection.createStatement();
             PreparedStatement write = connection.prepareStatement("INSERT INTO person_history ("
                     + String.join(", ", PersonEvents.COLUMNS) + ") VALUES (?, ?, ?, ?)")) {
            read.setFetchSize(1_000);
            try (ResultSet rows = read.executeQuery(
                    "SELECT person_id, sequence, recorded_at, envelope FROM person_event ORDER BY person_id, sequence")) {
                String person = null;
                Instant first = null;
                List<byte[]> envelopes = new ArrayList<>();
                int batched = 0;
                while (rows.next()) {
                    String personId = rows.getString(1);
                    if (!personId.equals(person)) {
                        batched += add(write, person, envelopes, first, format);
                        person = personId;
                        first = rows.getObject(3, OffsetDateTime.class).toInstant();
                        envelopes.clear();
                    }
                    // In sequence order; a gap (events an operator skipped) stays a gap.
                    envelopes.add(rows.getBytes(4));
                    if (batched >= 500) {
                        write.executeBatch();
                        batched = 0;
                    }
                }
                add(write, person, envelopes, first, format);
                write.executeBatch();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE person_event");
        }
    }

    private static int add(PreparedStatement write, String personId, List<byte[]> envelopes, Instant first,
                           PersonHistory format) throws SQLException {
        if (personId == null) {
            return 0;
        }
        Object[] row = PersonEvents.row(personId, envelopes.size(), first, format.encode(envelopes));
        for (int i = 0; i < row.length; i++) {
            write.setObject(i + 1, row[i]);
        }
        write.addBatch();
        return 1;
    }
}
