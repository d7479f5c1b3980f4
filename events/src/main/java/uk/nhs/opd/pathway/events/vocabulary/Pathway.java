package uk.nhs.opd.pathway.events.vocabulary;

/** The gender-specific pathway a person is on, or that a service takes people from. */
public enum Pathway {
    MEN,
    WOMEN,
    /** Only for services that take people from both pathways. */
    ALL
}
