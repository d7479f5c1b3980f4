package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;

/** Release a person from custody into the community. */
public record ReleasePersonCommand(
        @TargetAggregateIdentifier String personId,
        ReleaseType releaseType,
        Location toLocation,
        Instant occurredAt) implements PersonCommand {
}
