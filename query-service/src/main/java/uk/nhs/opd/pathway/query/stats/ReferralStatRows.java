package uk.nhs.opd.pathway.query.stats;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;

/**
 * {@code referral_stat}: per person referred, their monitoring groups and how many of their referrals were made,
 * accepted and rejected. A person's referrals share their groups (the age band is the one at registration), so
 * counts per person give the statistics with one row per person rather than one per referral.
 */
@Component
class ReferralStatRows implements JourneyRows {

    @Override
    public String table() {
        return "referral_stat";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "ethnicity", "pathway", "age_band", "region", "referred", "accepted", "rejected");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        if (journey == null || journey.referrals().isEmpty()) {
            return List.of();
        }
        int accepted = 0;
        int rejected = 0;
        for (Journey.Referral referral : journey.referrals()) {
            boolean wasAccepted = false;
            boolean wasRejected = false;
            for (Journey.StatusChange change : referral.statusHistory()) {
                wasAccepted |= change.status().equals("ACCEPTED");
                wasRejected |= change.status().equals("REJECTED");
            }
            accepted += wasAccepted ? 1 : 0;
            rejected += wasRejected ? 1 : 0;
        }
        return List.<Object[]>of(new Object[] {personId, journey.ethnicity(), journey.pathway(),
                journey.referrals().get(0).ageBand(), journey.region(), journey.referrals().size(), accepted, rejected});
    }
}
