package uk.nhs.opd.pathway.query.waitlist;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;

/**
 * {@code service_referral}: per person, every service they were ever referred to, retracted referrals included — whom
 * a wait list as of an earlier time, or as known at one, has to fold. One short row per person: such a read scans
 * them all, then folds each history it finds.
 */
@Component
class ServiceReferralRows implements JourneyRows {

    @Override
    public String table() {
        return "service_referral";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "service_ids");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        if (journey == null || journey.servicesEverReferredTo().isEmpty()) {
            return List.of();
        }
        return List.<Object[]>of(new Object[] {personId, journey.servicesEverReferredTo().toArray(String[]::new)});
    }
}
