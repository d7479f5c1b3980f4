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

    /** A referral waiting (or paused) on a service's list, with what the priority rule needs. */
    record Waiting(String personId, String serviceId, boolean paused, WaitListPriority.Candidate candidate,
                   List<Journey.Period> pauses, String region, String pathway) {
    }

    /** The person's accepted, not admitted referrals as of their journey. */
    static List<Waiting> waiting(String personId, Journey journey) {
        List<Waiting> waiting = new ArrayList<>();
        if (journey == null) {
            return waiting;
        }
        for (Journey.Referral referral : journey.referrals()) {
            boolean accepted = "ACCEPTED".equals(referral.status());
            boolean paused = "PAUSED".equals(referral.status()) && referral.acceptedAt() != null;
            if (accepted || paused) {
                waiting.add(new Waiting(personId, referral.serviceId(), paused, new WaitListPriority.Candidate(
                        referral.referralId(), journey.screening() == null ? null : journey.screening().riskOfSeriousHarm(),
                        journey.sentenceType(), journey.tariffExpiryDate(), journey.earliestReleaseDate(),
                        referral.failedOtherInterventions(), referral.acceptedAt()), referral.pauses(),
                        journey.region(), journey.pathway()));
            }
        }
        return waiting;
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        return waiting(personId, journey).stream()
                .map(w -> new Object[] {personId, w.serviceId(), w.candidate().referralId(), w.paused(),
                        Timestamps.utc(w.candidate().acceptedAt()), json(w.pauses()), w.candidate().failedOtherInterventions(),
                        w.candidate().riskOfSeriousHarm(), w.candidate().sentenceType(), w.candidate().tariffExpiryDate(),
                        w.candidate().earliestReleaseDate(), w.region(), w.pathway()})
                .toList();
    }

    private static String json(List<Journey.Period> pauses) {
        try {
            return EventJson.mapper().writeValueAsString(pauses);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
