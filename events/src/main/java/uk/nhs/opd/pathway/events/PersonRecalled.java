package uk.nhs.opd.pathway.events;

import java.util.List;
import uk.nhs.opd.pathway.events.vocabulary.Location;

/** A person in the community was recalled to custody; the recall ended {@code endedPlacements}. */
public record PersonRecalled(Location toLocation, String reason, List<String> endedPlacements) implements PersonEvent {
}
