package uk.nhs.opd.pathway.query.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyRows;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** {@code placement_view}: each person's open placements, active or in laydown (a laydown keeps its place). */
@Component
class OccupancyRows implements JourneyRows {

    @Override
    public String table() {
        return "placement_view";
    }

    @Override
    public List<String> columns() {
        return List.of("person_id", "service_id", "referral_id", "status", "admitted_at");
    }

    @Override
    public List<Object[]> rows(String personId, Journey journey) {
        if (journey == null) {
            return List.of();
        }
        // One place per person and service: should a history hold two open placements at one service (the command
        // side refuses it), the later one counts.
        Map<String, Journey.Placement> open = new LinkedHashMap<>();
        for (Journey.Placement placement : journey.placements()) {
            if (placement.endedAt() == null) {
                open.put(placement.serviceId(), placement);
            }
        }
        List<Object[]> rows = new ArrayList<>(open.size());
        for (Journey.Placement placement : open.values()) {
            boolean inLaydown = false;
            for (Journey.Period laydown : placement.laydowns()) {
                inLaydown |= laydown.to() == null;
            }
            rows.add(new Object[] {personId, placement.serviceId(), placement.referralId(), inLaydown ? "LAYDOWN" : "ACTIVE",
                    Timestamps.utc(placement.admittedAt())});
        }
        return rows;
    }
}
