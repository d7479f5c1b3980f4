package uk.nhs.opd.pathway.query.services;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.query.journey.Journey;
import uk.nhs.opd.pathway.query.journey.JourneyListener;
import uk.nhs.opd.pathway.query.projection.Timestamps;

/** Keeps {@code placement_view}: each person's open placements, active or in laydown (a laydown keeps its place). */
@Component
class OccupancyWriter implements JourneyListener {

    private final JdbcClient jdbc;

    OccupancyWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void journeyChanged(String personId, Journey journey) {
        jdbc.sql("DELETE FROM placement_view WHERE person_id = ?").param(personId).update();
        if (journey == null) {
            return;
        }
        for (Journey.Placement placement : journey.placements()) {
            if (placement.endedAt() == null) {
                boolean laydown = placement.laydowns().stream().anyMatch(l -> l.to() == null);
                jdbc.sql("INSERT INTO placement_view (person_id, service_id, referral_id, status, admitted_at) VALUES (?, ?, ?, ?, ?)")
                        .params(personId, placement.serviceId(), placement.referralId(), laydown ? "LAYDOWN" : "ACTIVE",
                                Timestamps.utc(placement.admittedAt()))
                        .update();
            }
        }
    }
}
