package uk.nhs.opd.pathway.events.vocabulary;

/** Who made a referral (seed 001, Stage 1). */
public enum ReferralSource {
    OFFENDER_MANAGER,
    OFFENDER_SUPERVISOR,
    WING_OFFICER,
    PSYCHOLOGY,
    HEALTHCARE,
    SELF
}
