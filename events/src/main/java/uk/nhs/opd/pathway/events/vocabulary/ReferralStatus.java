package uk.nhs.opd.pathway.events.vocabulary;

/** Where a referral stands. Open ones block a second referral of the same person to the same service. */
public enum ReferralStatus {
    /** Made, awaiting the service's decision. */
    MADE,
    /** Accepted: on the service's wait list. */
    ACCEPTED,
    PAUSED,
    /** Used for an admission. */
    ADMITTED,
    REJECTED,
    WITHDRAWN,
    TRANSFERRED,
    /** Ended with the placement it led to, or by exit from the pathway. */
    CLOSED;

    /** Whether the referral is still live (it blocks another referral to the same service). */
    public boolean isOpen() {
        return this == MADE || this == ACCEPTED || this == PAUSED || this == ADMITTED;
    }
}
