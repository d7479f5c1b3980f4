package uk.nhs.opd.pathway.events.vocabulary;

/** How a person left custody for the community. */
public enum ReleaseType {
    LICENCE,
    PAROLE,
    END_OF_SENTENCE,
    OTHER
}
