package uk.nhs.opd.pathway.query.api;

/** A request that cannot be carried out in the state things are in (409), with a stable code. */
public class Conflict extends RuntimeException {

    private final String code;

    public Conflict(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
