package uk.nhs.opd.pathway.events;

/** A service rejected a referral, with its reason. */
public record ReferralRejected(String referralId, String reason) implements PersonEvent {
}
