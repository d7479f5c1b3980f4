package uk.nhs.opd.pathway.query.waitlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.api.NotFound;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.Waits;
import uk.nhs.opd.pathway.query.projection.Freshness;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** {@code GET /api/services/{id}/waitlist}: the service's accepted referrals in priority order, paused ones apart. */
@RestController
@Validated
class WaitListController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Integer position, String personId, String referralId, Instant acceptedAt, long daysWaiting,
                 long daysWaitingNet, Integer tier, List<String> reasons, Instant pausedSince) {
    }

    record WaitList(String serviceId, List<Entry> entries, List<Entry> paused, Instant lastEventRecordedAt) {
    }

    private record Row(String personId, boolean paused, WaitListPriority.Candidate candidate, List<Journey.Period> pauses) {
    }

    private final JdbcClient jdbc;
    private final WaitListPriority priority;
    private final Freshness freshness;
    private final Clock clock;

    WaitListController(JdbcClient jdbc, WaitListProperties properties, Freshness freshness, Clock clock) {
        this.jdbc = jdbc;
        this.priority = new WaitListPriority(properties.releaseWindowMonths());
        this.freshness = freshness;
        this.clock = clock;
    }

    @GetMapping("/api/services/{serviceId}/waitlist")
    WaitList waitList(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String serviceId,
                      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9 _-]{1,64}") String region,
                      @RequestParam(required = false) @Pattern(regexp = "MEN|WOMEN") String pathway) {
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM service_view WHERE service_id = ?)").param(serviceId)
                .query(Boolean.class).single();
        if (!known) {
            throw new NotFound("SERVICE_NOT_FOUND", "No service " + serviceId);
        }
        Instant now = clock.instant();
        List<Row> rows = rows(serviceId, region, pathway);
        Map<String, Row> byReferral = rows.stream().collect(Collectors.toMap(r -> r.candidate().referralId(), Function.identity()));
        List<Entry> entries = new ArrayList<>();
        List<WaitListPriority.Ranked> ranked = priority.order(
                rows.stream().filter(r -> !r.paused()).map(Row::candidate).toList(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        for (WaitListPriority.Ranked r : ranked) {
            Row row = byReferral.get(r.candidate().referralId());
            entries.add(new Entry(entries.size() + 1, row.personId(), r.candidate().referralId(), r.candidate().acceptedAt(),
                    Waits.grossDays(r.candidate().acceptedAt(), now),
                    Waits.netDays(r.candidate().acceptedAt(), now, row.pauses()), r.tier(), r.reasons(), null));
        }
        List<Entry> paused = rows.stream().filter(Row::paused)
                .sorted((a, b) -> a.candidate().acceptedAt().compareTo(b.candidate().acceptedAt()))
                .map(row -> new Entry(null, row.personId(), row.candidate().referralId(), row.candidate().acceptedAt(),
                        Waits.grossDays(row.candidate().acceptedAt(), now),
                        Waits.netDays(row.candidate().acceptedAt(), now, row.pauses()), null, null,
                        row.pauses().isEmpty() ? null : row.pauses().get(row.pauses().size() - 1).from()))
                .toList();
        return new WaitList(serviceId, entries, paused, freshness.lastEventRecordedAt());
    }

    private List<Row> rows(String serviceId, String region, String pathway) {
        return jdbc.sql("""
                SELECT * FROM waitlist_entry WHERE service_id = ?
                  AND (CAST(? AS VARCHAR) IS NULL OR region = ?) AND (CAST(? AS VARCHAR) IS NULL OR pathway = ?)""")
                .params(serviceId, region, region, pathway, pathway)
                .query((rs, n) -> new Row(rs.getString("person_id"), rs.getBoolean("paused"),
                        new WaitListPriority.Candidate(rs.getString("referral_id"), rs.getString("risk_of_serious_harm"),
                                rs.getString("sentence_type"), rs.getObject("tariff_expiry_date", LocalDate.class),
                                rs.getObject("earliest_release_date", LocalDate.class),
                                rs.getBoolean("failed_other_interventions"), Timestamps.instant(rs, "accepted_at")),
                        pauses(rs.getString("pauses"))))
                .list();
    }

    private static List<Journey.Period> pauses(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Journey.Period>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
