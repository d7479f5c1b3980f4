package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mapping of the contract, shared by every producer and consumer: ISO-8601 instants and dates,
 * and unknown fields ignored on read so that an added optional field does not break older readers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {
    }

    /** A new mapper configured for the contract (callers that need their own instance, e.g. Axon's serializer). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises an envelope to its wire bytes. */
    public static byte[] write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise envelope " + envelope.eventId(), e);
        }
    }

    /** Reads an envelope from its wire bytes. */
    public static EventEnvelope readEnvelope(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Malformed event envelope", e);
        }
    }

    /** The payload of an envelope as its registered record. */
    public static PathwayEvent payloadOf(EventEnvelope envelope) {
        EventTypes.EventType type = EventTypes.of(envelope.type(), envelope.schemaVersion())
                .orElseThrow(() -> new UnknownEventTypeException(envelope.type(), envelope.schemaVersion()));
        try {
            return MAPPER.treeToValue(envelope.payload(), type.javaType());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed " + envelope.type() + " payload in event " + envelope.eventId(), e);
        }
    }

    /** An event record as a JSON tree, the payload of an envelope. */
    public static JsonNode toTree(PathwayEvent event) {
        return MAPPER.valueToTree(event);
    }
}
