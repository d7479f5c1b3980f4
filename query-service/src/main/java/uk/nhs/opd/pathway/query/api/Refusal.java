package uk.nhs.opd.pathway.query.api;

import org.springframework.http.HttpStatus;

/** A request refused with an HTTP status and a stable code, answered as problem+json ({@link ProblemHandler}). */
public abstract class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    protected Refusal(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
