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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.api.NotFound;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyFold;
import uk.nhs.opd.pathway.query.journey.PersonEvents;
import uk.nhs.opd.pathway.query.journey.Waits;
import uk.nhs.opd.pathway.query.projection.Freshness;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/**
 * {@code GET /api/services/{id}/waitlist[?region=&pathway=&asOf=&knownAt=]}: the service's accepted referrals in
 * priority order, paused ones apart. Now, from the wait-list table; as of a business time or as known at a record
 * time, from the journeys of everyone ever referred to the service, folded for that view.
 */
@RestController
@Validated
class WaitListController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Integer position, String personId, String referralId, Instant acceptedAt, long daysWaiting,
                 long daysWaitingNet, Integer tier, List<String> reasons, Instant pausedSince) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WaitList(String serviceId, Instant asOf, Instant knownAt, List<Entry> entries, List<Entry> paused,
                    Instant lastEventRecordedAt) {
    }

    private final JdbcClient jdbc;
    private final PersonEvents events;
    private final WaitListPriority priority;
    private final Freshness freshness;
    private final Clock clock;

    WaitListController(JdbcClient jdbc, PersonEvents events, WaitListProperties properties, Freshness freshness, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.priority = new WaitListPriority(properties.releaseWindowMonths());
        this.freshness = freshness;
        this.clock = clock;
    }

    @GetMapping("/api/services/{serviceId}/waitlist")
    WaitList waitList(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String serviceId,
                      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9 _-]{1,64}") String region,
                      @RequestParam(required = false) @Pattern(regexp = "MEN|WOMEN") String pathway,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt) {
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM service_view WHERE service_id = ?)").param(serviceId)
                .query(Boolean.class).single();
        if (!known) {
            throw new NotFound("SERVICE_NOT_FOUND", "No service " + serviceId);
        }
        JourneyFold.View view = new JourneyFold.View(asOf, knownAt, clock.instant());
        Instant now = view.horizon();
        List<WaitListRows.Waiting> waiting = (asOf == null && knownAt == null ? current(serviceId) : inView(serviceId, view))
                .stream()
                .filter(w -> region == null || region.equals(w.region()))
                .filter(w -> pathway == null || pathway.equals(w.pathway()))
                .toList();
        Map<String, WaitListRows.Waiting> byReferral = waiting.stream()
                .collect(Collectors.toMap(w -> w.candidate().referralId(), Function.identity(), (a, b) -> a));
        List<Entry> entries = new ArrayList<>();
        for (WaitListPriority.Ranked ranked : priority.order(
                waiting.stream().filter(w -> !w.paused()).map(WaitListRows.Waiting::candidate).toList(),
                LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            WaitListRows.Waiting w = byReferral.get(ranked.candidate().referralId());
            entries.add(entry(entries.size() + 1, w, now, ranked.tier(), ranked.reasons()));
        }
        List<Entry> paused = waiting.stream().filter(WaitListRows.Waiting::paused)
                .sorted(Comparator.comparing((WaitListRows.Waiting w) -> w.candidate().acceptedAt())
                        .thenComparing(w -> w.candidate().referralId()))
                .map(w -> entry(null, w, now, null, null))
                .toList();
        return new WaitList(serviceId, asOf, knownAt, entries, paused, freshness.lastEventRecordedAt());
    }

    private static Entry entry(Integer position, WaitListRows.Waiting w, Instant now, Integer tier, List<String> reasons) {
        Instant acceptedAt = w.candidate().acceptedAt();
        Instant pausedSince = w.paused() && !w.pauses().isEmpty() ? w.pauses().get(w.pauses().size() - 1).from() : null;
        return new Entry(position, w.personId(), w.candidate().referralId(), acceptedAt, Waits.grossDays(acceptedAt, now),
                Waits.netDays(acceptedAt, now, w.pauses()), tier, reasons, pausedSince);
    }

    private List<WaitListRows.Waiting> current(String serviceId) {
        return jdbc.sql("SELECT * FROM waitlist_entry WHERE service_id = ?")
                .param(serviceId)
                .query((rs, n) -> new WaitListRows.Waiting(rs.getString("person_id"), serviceId, rs.getBoolean("paused"),
                        new WaitListPriority.Candidate(rs.getString("referral_id"), rs.getString("risk_of_serious_harm"),
                                rs.getString("sentence_type"), rs.getObject("tariff_expiry_date", LocalDate.class),
                                rs.getObject("earliest_release_date", LocalDate.class),
                                rs.getBoolean("failed_other_interventions"), Timestamps.instant(rs, "accepted_at")),
                        pauses(rs.getString("pauses")), rs.getString("region"), rs.getString("pathway")))
                .list();
    }

    /** Everyone ever referred to the service (retracted referrals too), each journey folded for the view. */
    private List<WaitListRows.Waiting> inView(String serviceId, JourneyFold.View view) {
        List<String> people = jdbc.sql("SELECT person_id FROM service_referral WHERE ? = ANY (service_ids) ORDER BY person_id")
                .param(serviceId).query(String.class).list();
        List<WaitListRows.Waiting> waiting = new ArrayList<>();
        for (String personId : people) {
            Journey journey = JourneyFold.fold(personId, events.of(personId), view);
            WaitListRows.waiting(personId, journey).stream().filter(w -> w.serviceId().equals(serviceId)).forEach(waiting::add);
        }
        return waiting;
    }

    private static List<Journey.Period> pauses(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Journey.Period>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
