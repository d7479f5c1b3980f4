package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A person was admitted to a service from an accepted referral, over capacity only with a recorded reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonAdmitted(String referralId, String serviceId, String capacityOverrideReason) implements PersonEvent {
}
