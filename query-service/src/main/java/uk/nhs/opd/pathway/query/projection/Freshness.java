package uk.nhs.opd.pathway.query.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How fresh the projections are: the record time of the newest event applied, for reads to report. */
@Component
public class Freshness {

    private final JdbcClient jdbc;

    Freshness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Instant lastEventRecordedAt() {
        OffsetDateTime last = jdbc.sql("SELECT max(last_event_recorded_at) FROM stream_position")
                .query(OffsetDateTime.class).optional().orElse(null);
        return last == null ? null : last.toInstant();
    }
}
