package uk.nhs.opd.pathway.query.journey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.query.projection.Projection;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/**
 * Each person's journey: who they are on the pathway (no personal data), their screening and their referrals.
 * Business times come from {@code occurredAt}; freshness from {@code recordedAt}.
 */
@Component
class JourneyProjection implements Projection {

    private final JdbcClient jdbc;

    JourneyProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(EventEnvelope envelope, PathwayEvent event) {
        if (event instanceof PersonRegistered registered) {
            jdbc.sql("""
                    INSERT INTO journey_person (person_id, pathway, sentence_type, region, registered_at,
                        location_type, location_code, last_event_recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(envelope.personId(), registered.pathway().name(), registered.sentenceType().name(),
                            registered.region(), Timestamps.utc(envelope.occurredAt()),
                            registered.location().type().name(), registered.location().code(),
                            Timestamps.utc(envelope.recordedAt()))
                    .update();
        } else if (event instanceof PersonScreened screened) {
            jdbc.sql("""
                    UPDATE journey_person SET screening_outcome = ?, risk_of_serious_harm = ?, screened_at = ?
                    WHERE person_id = ?""")
                    .params(screened.outcome().name(), screened.riskOfSeriousHarm().name(),
                            Timestamps.utc(envelope.occurredAt()), envelope.personId())
                    .update();
        } else if (event instanceof ReferralMade referral) {
            jdbc.sql("""
                    INSERT INTO journey_referral (person_id, referral_id, service_id, source, status, referred_at,
                        failed_other_interventions)
                    VALUES (?, ?, ?, ?, 'MADE', ?, ?)""")
                    .params(envelope.personId(), referral.referralId(), referral.serviceId(), referral.source().name(),
                            Timestamps.utc(envelope.occurredAt()), referral.failedOtherInterventions())
                    .update();
        }
        if (envelope.personId() != null) {
            jdbc.sql("UPDATE journey_person SET last_event_recorded_at = ? WHERE person_id = ?")
                    .params(Timestamps.utc(envelope.recordedAt()), envelope.personId()).update();
        }
    }
}
