package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;

/** A placement was ended early by the service or by the person, with what happens next and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonDeselected(
        String serviceId,
        String referralId,
        DeselectionInitiator initiatedBy,
        DeselectionDisposition disposition,
        DeselectionReasonCategory reasonCategory,
        DeselectionReason reasonCode,
        String notes) implements PersonEvent {
}
