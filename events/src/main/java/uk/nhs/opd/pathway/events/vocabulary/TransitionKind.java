package uk.nhs.opd.pathway.events.vocabulary;

/** A move between settings or services; a move to or from hospital is a transition, never a release. */
public enum TransitionKind {
    PROGRESSION,
    TRANSFER,
    TO_HOSPITAL,
    REMITTED_FROM_HOSPITAL,
    TO_OPEN_CONDITIONS,
    TO_APPROVED_PREMISES,
    OTHER
}
