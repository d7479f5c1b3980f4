package uk.nhs.opd.pathway.query.stats;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyListener;

/** Keeps {@code referral_stat}: one row per referral with the monitoring groups and whether it was accepted or rejected. */
@Component
class ReferralStatsWriter implements JourneyListener {

    private final JdbcClient jdbc;

    ReferralStatsWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void journeyChanged(String personId, Journey journey) {
        jdbc.sql("DELETE FROM referral_stat WHERE person_id = ?").param(personId).update();
        if (journey == null) {
            return;
        }
        for (Journey.Referral referral : journey.referrals()) {
            boolean accepted = referral.statusHistory().stream().anyMatch(s -> s.status().equals("ACCEPTED"));
            boolean rejected = referral.statusHistory().stream().anyMatch(s -> s.status().equals("REJECTED"));
            jdbc.sql("""
                    INSERT INTO referral_stat (person_id, referral_id, ethnicity, pathway, age_band, region, accepted, rejected)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(personId, referral.referralId(), journey.ethnicity(), journey.pathway(), referral.ageBand(),
                            journey.region(), accepted, rejected)
                    .update();
        }
    }
}
