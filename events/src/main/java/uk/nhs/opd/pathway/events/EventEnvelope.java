package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on the {@code pathway.events} topic (API.md): the stored event, its place in its stream and
 * the facts about the recording, around a payload that still has the wire shape of its {@code schemaVersion}.
 * Exactly one of {@code personId} and {@code serviceId} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "type", "schemaVersion", "personId", "serviceId", "sequence",
        "occurredAt", "recordedAt", "actor", "payload"})
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        String personId,
        String serviceId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        JsonNode payload) {

    /** The id of the stream this event belongs to: the Kafka key. */
    public String streamId() {
        return personId != null ? personId : serviceId;
    }
}
