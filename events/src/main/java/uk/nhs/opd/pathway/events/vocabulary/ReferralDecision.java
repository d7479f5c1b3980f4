package uk.nhs.opd.pathway.events.vocabulary;

/** A service's decision on a referral. */
public enum ReferralDecision {
    ACCEPTED,
    REJECTED
}
