package uk.nhs.opd.pathway.events.vocabulary;

/** Who ended a placement early: the service, or the person (self-de-selection). */
public enum DeselectionInitiator {
    SERVICE,
    PERSON
}
