package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/** Move a person between settings or services. */
public record TransitionPersonCommand(
        @TargetAggregateIdentifier String personId,
        TransitionKind kind,
        Location toLocation,
        String toReferralId,
        Instant occurredAt) implements PersonCommand {
}
