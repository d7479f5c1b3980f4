package uk.nhs.opd.pathway.query.api;

/** A read with a parameter outside what it accepts. */
public class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
