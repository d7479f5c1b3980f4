package uk.nhs.opd.pathway.events;

import java.util.List;
import java.util.UUID;

/**
 * An earlier event of this person was recorded by mistake and no longer counts. The log keeps both. The
 * placements listed were closed or reopened by taking the mistaken event out of the person's history.
 */
public record EventRetracted(UUID eventId, String reason, List<String> placementsClosed, List<String> placementsReopened)
        implements PersonEvent {
}
