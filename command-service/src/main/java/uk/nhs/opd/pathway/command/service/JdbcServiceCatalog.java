package uk.nhs.opd.pathway.command.service;

import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventRetracted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PathwayExited;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonRecalled;
import uk.nhs.opd.pathway.events.PersonReleased;
import uk.nhs.opd.pathway.events.PersonTransitioned;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/**
 * The service catalog in PostgreSQL. Its handlers run in a subscribing processor whose errors propagate
 * ({@code CatalogConfiguration}), that is inside the transaction storing the event: a command never sees a service
 * half-registered, and an admission that would overfill a service rolls back with the events that caused it.
 * A laydown keeps its place (re-admission needs no new referral); every other end of a placement frees it.
 */
@Component
@ProcessingGroup(JdbcServiceCatalog.PROCESSING_GROUP)
class JdbcServiceCatalog implements ServiceCatalog {

    static final String PROCESSING_GROUP = "service-catalog";

    private final JdbcClient jdbc;

    JdbcServiceCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CatalogEntry> find(String serviceId) {
        return jdbc.sql("SELECT service_id, pathway, setting, type, capacity, occupied FROM service_catalog WHERE service_id = ?")
                .param(serviceId)
                .query((rs, n) -> new CatalogEntry(rs.getString(1), Pathway.valueOf(rs.getString(2)),
                        Setting.valueOf(rs.getString(3)), ServiceType.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6)))
                .optional();
    }

    @EventHandler
    void on(ServiceRegistered event, @SourceId String serviceId) {
        jdbc.sql("INSERT INTO service_catalog (service_id, pathway, setting, type, capacity, occupied) VALUES (?, ?, ?, ?, ?, 0)")
                .params(serviceId, event.pathway().name(), event.setting().name(), event.type().name(), event.capacity())
                .update();
    }

    @EventHandler
    void on(ServiceCapacityChanged event, @SourceId String serviceId) {
        jdbc.sql("UPDATE service_catalog SET capacity = ? WHERE service_id = ?").params(event.capacity(), serviceId).update();
    }

    @EventHandler
    void on(PersonAdmitted event) {
        takePlace(event.serviceId(), event.capacityOverrideReason() != null);
    }

    @EventHandler
    void on(PersonDeselected event) {
        if (event.disposition() != DeselectionDisposition.LAYDOWN) {
            freePlaces(List.of(event.serviceId()));
        }
    }

    @EventHandler
    void on(LaydownEnded event) {
        if (event.outcome() == LaydownOutcome.CLOSED) {
            freePlaces(List.of(event.serviceId()));
        }
    }

    @EventHandler
    void on(PlacementCompleted event) {
        freePlaces(List.of(event.serviceId()));
    }

    @EventHandler
    void on(PersonTransitioned event) {
        freePlaces(event.endedPlacements());
        if (event.toServiceId() != null) {
            takePlace(event.toServiceId(), false);
        }
    }

    @EventHandler
    void on(PersonReleased event) {
        freePlaces(event.endedPlacements());
    }

    @EventHandler
    void on(PersonRecalled event) {
        freePlaces(event.endedPlacements());
    }

    @EventHandler
    void on(PathwayExited event) {
        freePlaces(event.endedPlacements());
    }

    @EventHandler
    void on(EventRetracted event) {
        freePlaces(event.placementsClosed());
        event.placementsReopened().forEach(serviceId -> takePlace(serviceId, true));
    }

    /**
     * Takes a place. The row lock of the UPDATE makes concurrent admissions to one service queue up, and each
     * re-reads {@code occupied} after the one before it committed: the last place is given once.
     */
    private void takePlace(String serviceId, boolean overCapacityAllowed) {
        int updated = jdbc.sql("UPDATE service_catalog SET occupied = occupied + 1 WHERE service_id = ? AND (? OR occupied < capacity)")
                .params(serviceId, overCapacityAllowed).update();
        if (updated == 0) {
            throw find(serviceId).map(ServiceCatalog::atCapacity)
                    .orElseThrow(() -> new IllegalStateException("Admission to unknown service " + serviceId));
        }
    }

    private void freePlaces(List<String> serviceIds) {
        serviceIds.forEach(serviceId -> jdbc.sql("UPDATE service_catalog SET occupied = GREATEST(occupied - 1, 0) WHERE service_id = ?")
                .param(serviceId).update());
    }
}
