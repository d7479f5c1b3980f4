package uk.nhs.opd.pathway.events;

import java.util.List;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;

/** A person was released from custody into the community; the release ended {@code endedPlacements}. */
public record PersonReleased(ReleaseType releaseType, Location toLocation, List<String> endedPlacements)
        implements PersonEvent {
}
