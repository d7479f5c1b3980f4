package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;

/** End a laydown: re-admit or close. */
public record EndLaydownCommand(
        @TargetAggregateIdentifier String personId,
        String serviceId,
        LaydownOutcome outcome,
        Instant occurredAt) implements PersonCommand {
}
