package uk.nhs.opd.pathway.events.vocabulary;

/** The kind of sentence a person is serving; drives wait-list priority. */
public enum SentenceType {
    DETERMINATE,
    INDETERMINATE,
    IPP,
    LIFE,
    NONE
}
