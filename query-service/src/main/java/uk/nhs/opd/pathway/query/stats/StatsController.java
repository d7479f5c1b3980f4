package uk.nhs.opd.pathway.query.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.query.api.BadRequest;
import uk.nhs.opd.pathway.query.projection.Freshness;

/** {@code GET /api/stats/referrals?groupBy=ethnicity|pathway|ageBand|region}: diversity monitoring (seed 001 §2.2). */
@RestController
class StatsController {

    /** The only columns a caller may group by: the parameter never reaches SQL as text. */
    private static final Map<String, String> GROUPS = Map.of(
            "ethnicity", "ethnicity", "pathway", "pathway", "ageBand", "age_band", "region", "region");

    record Group(String group, long referred, long accepted, long rejected) {
    }

    record ReferralStats(String groupBy, List<Group> groups, Instant lastEventRecordedAt) {
    }

    private final JdbcClient jdbc;
    private final Freshness freshness;

    StatsController(JdbcClient jdbc, Freshness freshness) {
        this.jdbc = jdbc;
        this.freshness = freshness;
    }

    @GetMapping("/api/stats/referrals")
    ReferralStats referrals(@RequestParam String groupBy) {
        String column = GROUPS.get(groupBy);
        if (column == null) {
            throw new BadRequest("groupBy", "must be one of " + GROUPS.keySet().stream().sorted().toList());
        }
        List<Group> groups = jdbc.sql("SELECT " + column + ", sum(referred), sum(accepted), sum(rejected) FROM referral_stat GROUP BY "
                        + column + " ORDER BY " + column)
                .query((rs, n) -> new Group(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
        return new ReferralStats(groupBy, groups, freshness.lastEventRecordedAt());
    }
}
