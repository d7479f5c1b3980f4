package uk.nhs.opd.pathway.query.waitlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** {@code waitlist_entry}: a person's accepted referrals not yet admitted, paused ones flagged. */
@Component
class WaitListRows implements JourneyRows {

    @Override
    public String table() {
        return "waitlist_entry";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "service_id", "referral_id", "paused", "accepted_at", "pauses",
                "failed_other_interventions", "risk_of_serious_harm", "sentence_type", "tariff_expiry_date",
                "earliest_release_date", "region", "pathway");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        List<Object[]> rows = new ArrayList<>();
        if (journey == null) {
            return rows;
        }
        for (Journey.Referral referral : journey.referrals()) {
            boolean waiting = "ACCEPTED".equals(referral.status());
            boolean paused = "PAUSED".equals(referral.status()) && referral.acceptedAt() != null;
            if (waiting || paused) {
                rows.add(new Object[] {personId, referral.serviceId(), referral.referralId(), paused,
                        Timestamps.utc(referral.acceptedAt()), json(referral.pauses()), referral.failedOtherInterventions(),
                        journey.screening() == null ? null : journey.screening().riskOfSeriousHarm(),
                        journey.sentenceType(), journey.tariffExpiryDate(), journey.earliestReleaseDate(),
                        journey.region(), journey.pathway()});
            }
        }
        return rows;
    }

    private static String json(List<Journey.Period> pauses) {
        try {
            return EventJson.mapper().writeValueAsString(pauses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
