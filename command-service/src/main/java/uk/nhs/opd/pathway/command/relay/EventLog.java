package uk.nhs.opd.pathway.command.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventTypes;
import uk.nhs.opd.pathway.events.StreamKind;
import uk.nhs.opd.pathway.events.UnknownEventTypeException;

/**
 * Reads the committed event log in global order as wire envelopes. Positions become visible in commit order
 * (see {@code V1__event_store.sql}), so "everything after my checkpoint" never skips an event that commits late.
 */
@Component
class EventLog {

    private static final String SELECT = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?""";

    private final JdbcClient jdbc;
    private final ObjectMapper json = EventJson.mapper();

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} committed events after {@code position}, in order. */
    List<StoredEvent> readAfter(long position, int limit) {
        return jdbc.sql(SELECT).params(position, limit).query(this::toStoredEvent).list();
    }

    /** The position of the last committed event, or 0 for an empty log. */
    long head() {
        return jdbc.sql("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private StoredEvent toStoredEvent(ResultSet row, int rowNumber) throws SQLException {
        String type = row.getString("payload_type");
        String revision = row.getString("payload_revision");
        int schemaVersion = revision == null ? 1 : Integer.parseInt(revision);
        EventTypes.EventType registered = EventTypes.of(type, schemaVersion)
                .orElseThrow(() -> new UnknownEventTypeException(type, schemaVersion));
        String streamId = row.getString("aggregate_identifier");
        JsonNode metaData = readJson(row.getBytes("meta_data"));
        JsonNode occurredAt = metaData.get(EventMetadata.OCCURRED_AT);
        Instant recordedAt = Instant.parse(row.getString("time_stamp"));
        EventEnvelope envelope = new EventEnvelope(
                UUID.fromString(row.getString("event_identifier")),
                type,
                schemaVersion,
                registered.stream() == StreamKind.PERSON ? streamId : null,
                registered.stream() == StreamKind.SERVICE ? streamId : null,
                row.getLong("sequence_number"),
                occurredAt != null ? Instant.parse(occurredAt.asText()) : recordedAt,
                recordedAt,
                metaData.path(EventMetadata.ACTOR).asText(null),
                readJson(row.getBytes("payload")));
        return new StoredEvent(row.getLong("global_index"), envelope);
    }

    private JsonNode readJson(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable JSON in the event store", e);
        }
    }
}
