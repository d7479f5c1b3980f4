package uk.nhs.opd.pathway.events;

/** A service accepted a referral: the person joins its wait list. */
public record ReferralAccepted(String referralId) implements PersonEvent {
}
