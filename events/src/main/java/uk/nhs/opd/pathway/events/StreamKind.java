package uk.nhs.opd.pathway.events;

/** The two kinds of event stream; it decides which id field of the envelope carries the stream id. */
public enum StreamKind {
    PERSON,
    SERVICE
}
