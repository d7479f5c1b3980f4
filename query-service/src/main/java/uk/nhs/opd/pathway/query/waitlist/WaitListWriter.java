package uk.nhs.opd.pathway.query.waitlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyListener;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** Keeps {@code waitlist_entry}: a person's accepted referrals not yet admitted, paused ones flagged. */
@Component
class WaitListWriter implements JourneyListener {

    private final JdbcClient jdbc;

    WaitListWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void journeyChanged(String personId, Journey journey) {
        jdbc.sql("DELETE FROM waitlist_entry WHERE person_id = ?").param(personId).update();
        if (journey == null) {
            return;
        }
        for (Journey.Referral referral : journey.referrals()) {
            boolean waiting = "ACCEPTED".equals(referral.status());
            boolean paused = "PAUSED".equals(referral.status()) && referral.acceptedAt() != null;
            if (!waiting && !paused) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO waitlist_entry (service_id, referral_id, person_id, paused, accepted_at, pauses,
                        failed_other_interventions, risk_of_serious_harm, sentence_type, tariff_expiry_date,
                        earliest_release_date, region, pathway)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(referral.serviceId(), referral.referralId(), personId, paused,
                            Timestamps.utc(referral.acceptedAt()), json(referral.pauses()),
                            referral.failedOtherInterventions(),
                            journey.screening() == null ? null : journey.screening().riskOfSeriousHarm(),
                            journey.sentenceType(), journey.tariffExpiryDate(), journey.earliestReleaseDate(),
                            journey.region(), journey.pathway())
                    .update();
        }
    }

    private static String json(List<Journey.Period> pauses) {
        try {
            return EventJson.mapper().writeValueAsString(pauses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
