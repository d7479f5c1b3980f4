package uk.nhs.opd.pathway.command.service;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/**
 * The service catalog in PostgreSQL. Its handlers run in a subscribing processor ({@code application.yml}), that
 * is inside the transaction that stores the service event, so a command never sees a service half-registered.
 */
@Component
@ProcessingGroup("service-catalog")
class JdbcServiceCatalog implements ServiceCatalog {

    private final JdbcClient jdbc;

    JdbcServiceCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CatalogEntry> find(String serviceId) {
        return jdbc.sql("SELECT service_id, pathway, setting, type, capacity FROM service_catalog WHERE service_id = ?")
                .param(serviceId)
                .query((rs, n) -> new CatalogEntry(rs.getString(1), Pathway.valueOf(rs.getString(2)),
                        Setting.valueOf(rs.getString(3)), ServiceType.valueOf(rs.getString(4)), rs.getInt(5)))
                .optional();
    }

    @EventHandler
    void on(ServiceRegistered event, @SourceId String serviceId) {
        jdbc.sql("INSERT INTO service_catalog (service_id, pathway, setting, type, capacity) VALUES (?, ?, ?, ?, ?)")
                .params(serviceId, event.pathway().name(), event.setting().name(), event.type().name(), event.capacity())
                .update();
    }
}
