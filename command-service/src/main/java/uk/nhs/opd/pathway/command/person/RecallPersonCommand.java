package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.Location;

/** Recall a person from the community to custody. */
public record RecallPersonCommand(
        @TargetAggregateIdentifier String personId,
        Location toLocation,
        String reason,
        Instant occurredAt) implements PersonCommand {
}
