package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The JSON mapping of the contract, shared by every producer and consumer: ISO-8601 instants and dates,
 * and unknown fields ignored on read so that an added optional field does not break older readers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    /** A reader per registered payload record, so decoding a log does not look its deserializer up per event. */
    private static final Map<Class<?>, ObjectReader> PAYLOAD_READERS = EventTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(EventTypes.EventType::javaType, type -> MAPPER.readerFor(type.javaType())));

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

    /** An envelope read together with its payload's record; the envelope's own {@code payload} tree is left empty. */
    public record Decoded(EventEnvelope envelope, PathwayEvent event) {
    }

    /**
     * Reads an envelope and its payload in one pass, straight into the payload's record (no intermediate tree):
     * the fast path for reading a whole log. The contract's writer puts {@code type} and {@code schemaVersion}
     * before {@code payload}; anything else falls back to {@link #readEnvelope} and {@link #payloadOf}.
     */
    public static Decoded decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** {@link #decode(byte[])} of the envelope in {@code length} bytes of {@code buffer} from {@code offset}. */
    public static Decoded decode(byte[] buffer, int offset, int length) {
        try (JsonParser parser = MAPPER.getFactory().createParser(buffer, offset, length)) {
            Decoded decoded = readNext(parser);
            if (decoded != null) {
                return decoded;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Malformed event envelope", e);
        }
        EventEnvelope envelope = readEnvelope(Arrays.copyOfRange(buffer, offset, offset + length));
        return new Decoded(envelope, payloadOf(envelope));
    }

    /**
     * Decodes envelopes lying back to back in {@code buffer} — the i-th of {@code count} ending at {@code ends[i]}, the
     * first starting at 0 — with one parser: for envelopes of a few hundred bytes, creating a parser costs about as
     * much as reading one. {@code into[i]} is left null for every envelope from the first that is not read this way
     * (malformed, not ending where stated, or one {@link #decode} reads by its slower path): decode those one by one.
     */
    public static void decodeConsecutive(byte[] buffer, int count, int[] ends, Decoded[] into) {
        if (count == 0) {
            return;
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(buffer, 0, ends[count - 1])) {
            for (int i = 0; i < count; i++) {
                Decoded decoded = readNext(parser);
                if (decoded == null || parser.currentLocation().getByteOffset() != ends[i]) {
                    return;
                }
                into[i] = decoded;
            }
        } catch (IOException | RuntimeException e) {
            // this envelope and the ones after it are decoded one by one, which says what is wrong
        }
    }

    /**
     * Reads the parser's next envelope and its payload in one pass, straight into the payload's record (no
     * intermediate tree); null when it must be read by the slower path instead (the parser is then inside it). The
     * contract's writer puts {@code type} and {@code schemaVersion} before {@code payload}.
     */
    private static Decoded readNext(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UncheckedIOException(new IOException("An envelope is a JSON object"));
        }
        UUID eventId = null;
        String type = null;
        Integer schemaVersion = null;
        String personId = null;
        String serviceId = null;
        long sequence = 0;
        Instant occurredAt = null;
        Instant recordedAt = null;
        String actor = null;
        PathwayEvent event = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "eventId" -> eventId = UUID.fromString(parser.getText());
                case "type" -> type = parser.getText();
                case "schemaVersion" -> schemaVersion = parser.getIntValue();
                case "personId" -> personId = parser.getText();
                case "serviceId" -> serviceId = parser.getText();
                case "sequence" -> sequence = parser.getLongValue();
                case "occurredAt" -> occurredAt = instant(parser);
                case "recordedAt" -> recordedAt = instant(parser);
                case "actor" -> actor = parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
                case "payload" -> {
                    Optional<EventTypes.EventType> known = type == null || schemaVersion == null ? Optional.empty()
                            : EventTypes.of(type, schemaVersion);
                    if (known.isEmpty()) {
                        return null;
                    }
                    event = PAYLOAD_READERS.get(known.get().javaType()).readValue(parser);
                }
                default -> parser.skipChildren();
            }
        }
        if (event == null) {
            return null;
        }
        return new Decoded(new EventEnvelope(eventId, type, schemaVersion, personId, serviceId, sequence, occurredAt,
                recordedAt, actor, null), event);
    }

    private static Instant instant(JsonParser parser) throws IOException {
        return IsoInstants.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** An event record as a JSON tree, the payload of an envelope. */
    public static JsonNode toTree(PathwayEvent event) {
        return MAPPER.valueToTree(event);
    }
}
