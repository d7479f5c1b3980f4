package uk.nhs.opd.pathway.command.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.store.EventMetadata;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

class ServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");

    private AggregateTestFixture<Service> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Service.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registersAServiceWithItsCapacity() {
        fixture.givenNoPriorActivity()
                .when(new RegisterServiceCommand("S-1", "Westgate", ServiceType.TREATMENT, Setting.CUSTODY, Pathway.MEN,
                        "NORTH_EAST", 80, NOW))
                .expectEvents(new GenericEventMessage<>(new ServiceRegistered("Westgate", ServiceType.TREATMENT,
                        Setting.CUSTODY, Pathway.MEN, "NORTH_EAST", 80), EventMetadata.occurredAt(NOW)));
    }

    @Test
    void changesItsCapacity() {
        fixture.given(new GenericEventMessage<>(new ServiceRegistered("Westgate", ServiceType.TREATMENT, Setting.CUSTODY,
                        Pathway.MEN, "NORTH_EAST", 80), EventMetadata.occurredAt(NOW)))
                .when(new ChangeServiceCapacityCommand("S-1", 96, NOW))
                .expectEvents(new ServiceCapacityChanged(96));
    }

    @Test
    void cannotRegisterAServiceInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new RegisterServiceCommand("S-1", "Westgate", ServiceType.TREATMENT, Setting.CUSTODY, Pathway.MEN,
                        "NORTH_EAST", 80, NOW.plusSeconds(86_400)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
