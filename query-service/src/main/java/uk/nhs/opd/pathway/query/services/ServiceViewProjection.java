package uk.nhs.opd.pathway.query.services;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.ServiceCapacityChanged;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.query.projection.Projection;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** Every registered service with its type, setting, pathway, region and capacity. */
@Component
class ServiceViewProjection implements Projection {

    private final JdbcClient jdbc;

    ServiceViewProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(EventEnvelope envelope, PathwayEvent event) {
        if (event instanceof ServiceRegistered registered) {
            jdbc.sql("""
                    INSERT INTO service_view (service_id, name, type, setting, pathway, region, capacity, registered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(envelope.serviceId(), registered.name(), registered.type().name(), registered.setting().name(),
                            registered.pathway().name(), registered.region(), registered.capacity(),
                            Timestamps.utc(envelope.occurredAt()))
                    .update();
        } else if (event instanceof ServiceCapacityChanged changed) {
            jdbc.sql("UPDATE service_view SET capacity = ? WHERE service_id = ?")
                    .params(changed.capacity(), envelope.serviceId()).update();
        }
    }
}
