package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;

/** A laydown ended: the person was re-admitted without a new referral, or the placement closed. */
public record LaydownEnded(String serviceId, LaydownOutcome outcome) implements PersonEvent {
}
