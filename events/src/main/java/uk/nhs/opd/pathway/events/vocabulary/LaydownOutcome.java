package uk.nhs.opd.pathway.events.vocabulary;

/** How a laydown ended: re-admitted without a new referral, or closed. */
public enum LaydownOutcome {
    READMITTED,
    CLOSED
}
