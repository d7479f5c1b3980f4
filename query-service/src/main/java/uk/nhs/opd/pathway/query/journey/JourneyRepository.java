package uk.nhs.opd.pathway.query.journey;

import static uk.nhs.opd.pathway.query.projection.Timestamps.instant;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads journeys from the journey tables. */
@Repository
class JourneyRepository {

    private final JdbcClient jdbc;

    JourneyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<JourneyView> find(String personId) {
        List<JourneyView.Referral> referrals = jdbc.sql("""
                SELECT r.referral_id, r.service_id, s.name, r.source, r.status, r.referred_at, r.failed_other_interventions
                FROM journey_referral r LEFT JOIN service_view s ON s.service_id = r.service_id
                WHERE r.person_id = ? ORDER BY r.referred_at, r.referral_id""")
                .param(personId)
                .query((row, n) -> new JourneyView.Referral(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), instant(row, "referred_at"), row.getBoolean(7)))
                .list();
        return jdbc.sql("SELECT * FROM journey_person WHERE person_id = ?")
                .param(personId)
                .query((row, n) -> {
                    String outcome = row.getString("screening_outcome");
                    JourneyView.Screening screening = outcome == null ? null : new JourneyView.Screening(outcome,
                            row.getString("risk_of_serious_harm"), instant(row, "screened_at"));
                    return new JourneyView(personId, row.getString("pathway"),
                            status(outcome, referrals), row.getString("sentence_type"), row.getString("region"),
                            instant(row, "registered_at"),
                            new JourneyView.Location(row.getString("location_type"), row.getString("location_code")),
                            screening, referrals, instant(row, "last_event_recorded_at"));
                })
                .optional();
    }

    /** Where the person stands on the pathway so far. */
    private static String status(String screeningOutcome, List<JourneyView.Referral> referrals) {
        if (!referrals.isEmpty()) {
            return "REFERRED";
        }
        return screeningOutcome != null ? screeningOutcome : "REGISTERED";
    }
}
