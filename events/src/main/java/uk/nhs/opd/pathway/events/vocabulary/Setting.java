package uk.nhs.opd.pathway.events.vocabulary;

/** Where a service is delivered. */
public enum Setting {
    CUSTODY,
    COMMUNITY,
    HOSPITAL
}
