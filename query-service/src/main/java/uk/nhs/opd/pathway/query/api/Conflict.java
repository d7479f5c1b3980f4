package uk.nhs.opd.pathway.query.api;

import org.springframework.http.HttpStatus;

/** A request that cannot be carried out in the state things are in. */
public class Conflict extends Refusal {

    public Conflict(String code, String message) {
        super(HttpStatus.CONFLICT, code, message);
    }
}
