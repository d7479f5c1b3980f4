package uk.nhs.opd.pathway.query.services;

import java.util.List;
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
public class ServiceViewProjection implements Projection {

    private final JdbcClient jdbc;

    ServiceViewProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns of {@code service_view}, as {@link #row} fills them. */
    public static final List<String> COLUMNS =
            List.of("service_id", "name", "type", "setting", "pathway", "region", "capacity", "registered_at");

    /** The row of a service as registered; capacity changes update its {@code capacity} (index 6). */
    public static Object[] row(EventEnvelope envelope, ServiceRegistered registered) {
        return new Object[] {envelope.serviceId(), registered.name(), registered.type().name(),
                registered.setting().name(), registered.pathway().name(), registered.region(), registered.capacity(),
                Timestamps.utc(envelope.occurredAt())};
    }

    @Override
    public void apply(EventEnvelope envelope, PathwayEvent event) {
        if (event instanceof ServiceRegistered registered) {
            jdbc.sql("INSERT INTO service_view (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(row(envelope, registered))
                    .update();
        } else if (event instanceof ServiceCapacityChanged changed) {
            jdbc.sql("UPDATE service_view SET capacity = ? WHERE service_id = ?")
                    .params(changed.capacity(), envelope.serviceId()).update();
        }
    }
}
