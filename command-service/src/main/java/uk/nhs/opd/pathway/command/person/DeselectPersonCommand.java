package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;

/** End a placement early. */
public record DeselectPersonCommand(
        @TargetAggregateIdentifier String personId,
        String serviceId,
        DeselectionInitiator initiatedBy,
        DeselectionDisposition disposition,
        DeselectionReasonCategory reasonCategory,
        DeselectionReason reasonCode,
        String notes,
        Instant occurredAt) implements PersonCommand {
}
