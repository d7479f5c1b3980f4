package uk.nhs.opd.pathway.query.api;

/** A read of something the projections do not hold. */
public class NotFound extends RuntimeException {

    private final String code;

    public NotFound(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
