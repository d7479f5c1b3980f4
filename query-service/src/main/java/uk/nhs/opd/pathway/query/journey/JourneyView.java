package uk.nhs.opd.pathway.query.journey;

import java.time.Instant;
import java.util.List;

/** A person's journey as the read API returns it (API.md). */
record JourneyView(
        String personId,
        String pathway,
        String status,
        String sentenceType,
        String region,
        Instant registeredAt,
        Location location,
        Screening screening,
        List<Referral> referrals,
        Instant lastEventRecordedAt) {

    record Location(String type, String code) {
    }

    record Screening(String outcome, String riskOfSeriousHarm, Instant screenedAt) {
    }

    record Referral(String referralId, String serviceId, String serviceName, String source, String status,
                    Instant referredAt, boolean failedOtherInterventions) {
    }
}
