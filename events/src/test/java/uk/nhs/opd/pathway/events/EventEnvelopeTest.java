package uk.nhs.opd.pathway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

class EventEnvelopeTest {

    private final UUID eventId = UUID.fromString("5b0c7b8e-4a8f-4d55-9b59-2f3f0b3c1a11");

    @Test
    void envelopeHasTheFieldsOfTheContractInOrderAndOmitsTheOtherStreamId() {
        EventEnvelope envelope = new EventEnvelope(eventId, "ServiceRegistered", 1, null, "S-1", 0,
                Instant.parse("2025-03-01T09:30:00Z"), Instant.parse("2025-03-01T09:30:01Z"), "writer@nhs",
                EventJson.toTree(new ServiceRegistered("Unit", ServiceType.DAY, Setting.COMMUNITY, Pathway.ALL, "LONDON", 5)));

        String json = new String(EventJson.write(envelope), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"eventId\":\"5b0c7b8e-4a8f-4d55-9b59-2f3f0b3c1a11\",\"type\":\"ServiceRegistered\","
                + "\"schemaVersion\":1,\"serviceId\":\"S-1\",\"sequence\":0,\"occurredAt\":\"2025-03-01T09:30:00Z\","
                + "\"recordedAt\":\"2025-03-01T09:30:01Z\",\"actor\":\"writer@nhs\",\"payload\":{\"name\":\"Unit\","
                + "\"type\":\"DAY\",\"setting\":\"COMMUNITY\",\"pathway\":\"ALL\",\"region\":\"LONDON\",\"capacity\":5}}");
        assertThat(EventJson.readEnvelope(EventJson.write(envelope))).isEqualTo(envelope);
        assertThat(envelope.streamId()).isEqualTo("S-1");
    }

    @Test
    void unknownTypeOrVersionIsRefusedByName() {
        EventEnvelope envelope = new EventEnvelope(eventId, "PersonTeleported", 1, "P-1", null, 0,
                Instant.EPOCH, Instant.EPOCH, "x", EventJson.mapper().createObjectNode());
        assertThatThrownBy(() -> EventJson.payloadOf(envelope)).isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("PersonTeleported v1");
        EventEnvelope future = new EventEnvelope(eventId, "ReferralMade", 9, "P-1", null, 0,
                Instant.EPOCH, Instant.EPOCH, "x", EventJson.mapper().createObjectNode());
        assertThatThrownBy(() -> EventJson.payloadOf(future)).isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void ageBandsFollowTheMonitoringBands() {
        java.time.LocalDate day = java.time.LocalDate.of(2025, 3, 1);
        org.assertj.core.api.Assertions.assertThat(uk.nhs.opd.pathway.events.vocabulary.AgeBand.on(java.time.LocalDate.of(2007, 3, 1), day)).isEqualTo("18-24");
        org.assertj.core.api.Assertions.assertThat(uk.nhs.opd.pathway.events.vocabulary.AgeBand.on(java.time.LocalDate.of(1990, 3, 2), day)).isEqualTo("25-34");
        org.assertj.core.api.Assertions.assertThat(uk.nhs.opd.pathway.events.vocabulary.AgeBand.on(java.time.LocalDate.of(1960, 3, 1), day)).isEqualTo("65+");
    }

    @Test
    void personalDetailsNeverPrintThemselves() {
        assertThat(new uk.nhs.opd.pathway.events.vocabulary.PersonalDetails(null, "X123456", "A1234BC").toString())
                .doesNotContain("X123456").doesNotContain("A1234BC");
    }
}
