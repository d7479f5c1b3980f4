package uk.nhs.opd.pathway.events.vocabulary;

/** Why a referral is paused ("suitable but not ready", the person's choice). */
public enum PauseReason {
    SUITABLE_NOT_READY,
    PERSON_CHOICE,
    OTHER
}
