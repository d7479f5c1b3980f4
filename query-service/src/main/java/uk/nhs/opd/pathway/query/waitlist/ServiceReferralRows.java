package uk.nhs.opd.pathway.query.waitlist;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;

/**
 * {@code service_referral}: every service a person was ever referred to, retracted referrals included — the people a
 * wait list as of an earlier time, or as known at one, has to fold.
 */
@Component
class ServiceReferralRows implements JourneyRows {

    @Override
    public String table() {
        return "service_referral";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "service_id");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        if (journey == null) {
            return List.of();
        }
        return journey.servicesEverReferredTo().stream().map(serviceId -> new Object[] {personId, serviceId}).toList();
    }
}
