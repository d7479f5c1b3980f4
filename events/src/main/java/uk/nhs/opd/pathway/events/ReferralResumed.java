package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;

/** A paused referral was resumed and returned to exactly the state it was paused from. */
public record ReferralResumed(String referralId, ReferralStatus resumedTo) implements PersonEvent {
}
