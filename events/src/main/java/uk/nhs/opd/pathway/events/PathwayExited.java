package uk.nhs.opd.pathway.events;

import java.util.List;

/** A person left the OPD pathway (licence ended, screened out on review, ...). Nothing follows it. */
public record PathwayExited(String reason, List<String> endedPlacements) implements PersonEvent {
}
