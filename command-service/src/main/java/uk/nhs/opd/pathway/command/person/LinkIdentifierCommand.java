package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;

/** Link an external identifier (CRN or prison number) to a person. */
public record LinkIdentifierCommand(
        @TargetAggregateIdentifier String personId,
        IdentifierType type,
        String value,
        Instant occurredAt) implements PersonCommand {
}
