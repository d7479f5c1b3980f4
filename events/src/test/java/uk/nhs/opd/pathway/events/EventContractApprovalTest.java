package uk.nhs.opd.pathway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: each event type's sample must serialise to exactly its approved JSON in
 * {@code src/test/resources/approved/<type>.v<version>.json}. A change shows in review as a changed file; a new
 * event type fails until its sample is approved (the received JSON is written to {@code target/received/}).
 */
class EventContractApprovalTest {

    static Stream<PathwayEvent> samples() {
        return EventSamples.all().stream();
    }

    @Test
    void everyRegisteredTypeHasASample() {
        List<Class<?>> sampled = EventSamples.all().stream().<Class<?>>map(Object::getClass).toList();
        List<Class<?>> registered = EventTypes.all().stream().<Class<?>>map(EventTypes.EventType::javaType).toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(registered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleMatchesApprovedJson(PathwayEvent sample) throws IOException {
        EventTypes.EventType type = EventTypes.ofClass(sample.getClass()).orElseThrow();
        String fileName = type.name() + ".v" + type.schemaVersion() + ".json";
        String received = EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
        try (InputStream approved = getClass().getResourceAsStream("/approved/" + fileName)) {
            if (approved == null) {
                Path out = Path.of("target", "received", fileName);
                Files.createDirectories(out.getParent());
                Files.writeString(out, received);
                fail("No approved JSON for " + fileName + "; review " + out + " and copy it to src/test/resources/approved/");
            }
            String expected = new String(approved.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(received).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void approvedJsonReadsBackToTheSameEvent(PathwayEvent sample) throws IOException {
        EventTypes.EventType type = EventTypes.ofClass(sample.getClass()).orElseThrow();
        try (InputStream approved = getClass().getResourceAsStream("/approved/" + type.name() + ".v" + type.schemaVersion() + ".json")) {
            assertThat(approved).isNotNull();
            JsonNode payload = EventJson.mapper().readTree(approved);
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type.name(), type.schemaVersion(), "P-1", null, 0,
                    Instant.parse("2025-03-01T09:30:00Z"), Instant.parse("2025-03-01T09:30:01Z"), "test", payload);
            assertThat(EventJson.payloadOf(EventJson.readEnvelope(EventJson.write(envelope)))).isEqualTo(sample);
            EventJson.Decoded decoded = EventJson.decode(EventJson.write(envelope));
            assertThat(decoded.event()).isEqualTo(sample);
            assertThat(decoded.envelope().eventId()).isEqualTo(envelope.eventId());
            assertThat(decoded.envelope().recordedAt()).isEqualTo(envelope.recordedAt());
            assertThat(decoded.envelope().personId()).isEqualTo("P-1");
        }
    }
}
