package uk.nhs.opd.pathway.events.vocabulary;

/** The broad reason for a de-selection (seed 001). */
public enum DeselectionReasonCategory {
    MOTIVATION_BEHAVIOUR,
    OPERATIONAL,
    PERSONAL,
    OTHER
}
