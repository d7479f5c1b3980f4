package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;

/** A referral was paused; {@code pausedFrom} is the state a resume returns it to. */
public record ReferralPaused(String referralId, PauseReason reason, ReferralStatus pausedFrom) implements PersonEvent {
}
