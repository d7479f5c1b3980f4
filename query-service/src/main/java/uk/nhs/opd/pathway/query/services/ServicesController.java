package uk.nhs.opd.pathway.query.services;

import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.projection.Freshness;

/** {@code GET /api/services[?type=&setting=&region=]}: every service with its capacity and how it is used. */
@RestController
@Validated
class ServicesController {

    record ServiceSummary(String serviceId, String name, String type, String setting, String pathway, String region,
                          int capacity, int occupied, int waiting, int paused) {
    }

    record Services(List<ServiceSummary> services, Instant lastEventRecordedAt) {
    }

    private final JdbcClient jdbc;
    private final Freshness freshness;

    ServicesController(JdbcClient jdbc, Freshness freshness) {
        this.jdbc = jdbc;
        this.freshness = freshness;
    }

    @GetMapping("/api/services")
    Services services(@RequestParam(required = false) @Pattern(regexp = "[A-Z_]{1,40}") String type,
                      @RequestParam(required = false) @Pattern(regexp = "CUSTODY|COMMUNITY|HOSPITAL") String setting,
                      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9 _-]{1,64}") String region) {
        List<ServiceSummary> services = jdbc.sql("""
                SELECT s.service_id, s.name, s.type, s.setting, s.pathway, s.region, s.capacity,
                       (SELECT count(*) FROM placement_view p WHERE p.service_id = s.service_id) AS occupied,
                       (SELECT count(*) FROM waitlist_entry w WHERE w.service_id = s.service_id AND NOT w.paused) AS waiting,
                       (SELECT count(*) FROM waitlist_entry w WHERE w.service_id = s.service_id AND w.paused) AS paused
                FROM service_view s
                WHERE (CAST(? AS VARCHAR) IS NULL OR s.type = ?) AND (CAST(? AS VARCHAR) IS NULL OR s.setting = ?)
                  AND (CAST(? AS VARCHAR) IS NULL OR s.region = ?)
                ORDER BY s.service_id""")
                .params(type, type, setting, setting, region, region)
                .query((rs, n) -> new ServiceSummary(rs.getString("service_id"), rs.getString("name"), rs.getString("type"),
                        rs.getString("setting"), rs.getString("pathway"), rs.getString("region"), rs.getInt("capacity"),
                        rs.getInt("occupied"), rs.getInt("waiting"), rs.getInt("paused")))
                .list();
        return new Services(services, freshness.lastEventRecordedAt());
    }
}
