package uk.nhs.opd.pathway.query.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.MigrationDatabase;

/** Flyway V3 moves a database of one row per event to one history per person, losing and changing nothing. */
class PersonHistoryMigrationIT {

    private static final MigrationDatabase DATABASE = new MigrationDatabase("person_history_migration_it");

    @Test
    void everyPersonsEventsMoveToTheirHistoryInStreamOrder() throws SQLException {
        DATABASE.flyway("latest").clean();
        DATABASE.flyway("2").migrate();
        Map<String, List<byte[]>> written = new TreeMap<>();
        List<EventEnvelope> multiYear = JourneyFoldTest.multiYear().envelopes();
        written.put("P-1", multiYear.stream().map(EventJson::write).toList());
        List<byte[]> other = new ArrayList<>();
        for (EventEnvelope envelope : multiYear.subList(0, 3)) {
            other.add(EventJson.write(new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                    "P-0", null, envelope.sequence(), envelope.occurredAt(), envelope.recordedAt(), envelope.actor(),
                    envelope.payload())));
        }
        written.put("P-0", other);
        // Events an operator skipped leave a gap: it stays one.
        written.put("P-2", List.of(other.get(0), other.get(2)));
        try (Connection connection = DATABASE.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO person_event (person_id, sequence, recorded_at, envelope) VALUES (?, ?, ?, ?)")) {
            // Inserted out of order: the migration orders by sequence itself.
            for (String personId : written.keySet()) {
                List<byte[]> envelopes = written.get(personId);
                for (int i = envelopes.size() - 1; i >= 0; i--) {
                    int sequence = (int) EventJson.readEnvelope(envelopes.get(i)).sequence();
                    insert.setString(1, personId);
                    insert.setLong(2, sequence);
                    insert.setObject(3, EventJson.readEnvelope(envelopes.get(i)).recordedAt().atOffset(ZoneOffset.UTC));
                    insert.setBytes(4, envelopes.get(i));
                    insert.executeUpdate();
                }
            }
        }

        DATABASE.flyway("latest").migrate();

        try (Connection connection = DATABASE.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT person_id, event_count, first_recorded_at, events FROM person_history ORDER BY person_id")) {
            Map<String, List<byte[]>> migrated = new TreeMap<>();
            while (rows.next()) {
                List<byte[]> envelopes = PersonHistory.decode(rows.getBytes(4));
                assertThat(rows.getInt(2)).isEqualTo(envelopes.size());
                assertThat(rows.getObject(3, OffsetDateTime.class).toInstant())
                        .isEqualTo(EventJson.readEnvelope(envelopes.get(0)).recordedAt());
                migrated.put(rows.getString(1), envelopes);
            }
            assertThat(migrated.keySet()).containsExactly("P-0", "P-1", "P-2");
            for (String personId : written.keySet()) {
                assertThat(migrated.get(personId)).containsExactlyElementsOf(written.get(personId));
            }
            ResultSet old = connection.createStatement().executeQuery("SELECT to_regclass('person_event') IS NULL");
            old.next();
            assertThat(old.getBoolean(1)).as("person_event is dropped").isTrue();
        }
    }
}
