package uk.nhs.opd.pathway.events;

/** An open referral was withdrawn. */
public record ReferralWithdrawn(String referralId, String reason) implements PersonEvent {
}
