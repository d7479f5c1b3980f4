package uk.nhs.opd.pathway.query.stats;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;

/** {@code referral_stat}: one row per referral with its monitoring groups and whether it was accepted or rejected. */
@Component
class ReferralStatRows implements JourneyRows {

    @Override
    public String table() {
        return "referral_stat";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "referral_id", "service_id", "ethnicity", "pathway", "age_band", "region", "accepted",
                "rejected");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        if (journey == null) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(journey.referrals().size());
        for (Journey.Referral referral : journey.referrals()) {
            boolean accepted = false;
            boolean rejected = false;
            for (Journey.StatusChange change : referral.statusHistory()) {
                accepted |= change.status().equals("ACCEPTED");
                rejected |= change.status().equals("REJECTED");
            }
            rows.add(new Object[] {personId, referral.referralId(), referral.serviceId(), journey.ethnicity(),
                    journey.pathway(), referral.ageBand(), journey.region(), accepted, rejected});
        }
        return rows;
    }
}
