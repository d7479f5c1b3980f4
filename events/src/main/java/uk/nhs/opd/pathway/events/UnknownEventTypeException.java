package uk.nhs.opd.pathway.events;

/** An envelope names a {@code (type, schemaVersion)} this build does not know. */
public class UnknownEventTypeException extends RuntimeException {
    public UnknownEventTypeException(String type, int schemaVersion) {
        super("Unknown event type " + type + " v" + schemaVersion);
    }
}
