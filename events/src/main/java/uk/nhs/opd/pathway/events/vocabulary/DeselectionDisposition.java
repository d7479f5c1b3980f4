package uk.nhs.opd.pathway.events.vocabulary;

/** What happens after a de-selection: closed, back on the wait list, or a temporary laydown with outreach. */
public enum DeselectionDisposition {
    CLOSED,
    RETURNED_TO_WAITLIST,
    LAYDOWN
}
