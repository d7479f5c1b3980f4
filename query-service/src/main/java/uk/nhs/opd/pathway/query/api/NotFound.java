package uk.nhs.opd.pathway.query.api;

import org.springframework.http.HttpStatus;

/** A read of something the projections do not hold. */
public class NotFound extends Refusal {

    public NotFound(String code, String message) {
        super(HttpStatus.NOT_FOUND, code, message);
    }
}
