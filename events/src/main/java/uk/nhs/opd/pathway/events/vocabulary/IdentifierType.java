package uk.nhs.opd.pathway.events.vocabulary;

/** Kinds of external identifier (personal data): probation case reference number, prison (NOMS) number. */
public enum IdentifierType {
    CRN,
    NOMS
}
