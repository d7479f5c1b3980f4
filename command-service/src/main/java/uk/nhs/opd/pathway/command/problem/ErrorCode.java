package uk.nhs.opd.pathway.command.problem;

import org.springframework.http.HttpStatus;

/**
 * The stable codes of every refusal the command side gives; each maps to one HTTP status. Clients branch on the
 * code, never on the message.
 */
public enum ErrorCode {
    /** Malformed JSON, a missing or invalid field, an unknown enum value. */
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    PERSON_NOT_FOUND(HttpStatus.NOT_FOUND),
    SERVICE_NOT_FOUND(HttpStatus.NOT_FOUND),
    REFERRAL_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** A person or service with this id already exists. */
    ALREADY_EXISTS(HttpStatus.CONFLICT),
    /** The person already has an open referral to this service. */
    DUPLICATE_OPEN_REFERRAL(HttpStatus.CONFLICT),
    /** Another command changed the same stream at the same moment; retrying is safe. */
    CONCURRENT_MODIFICATION(HttpStatus.CONFLICT),
    UNDER_AGE(HttpStatus.UNPROCESSABLE_ENTITY),
    NOT_SCREENED_IN(HttpStatus.UNPROCESSABLE_ENTITY),
    OFFENDER_MANAGER_SUPPORT_REQUIRED(HttpStatus.UNPROCESSABLE_ENTITY),
    PATHWAY_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY),
    OCCURRED_IN_FUTURE(HttpStatus.UNPROCESSABLE_ENTITY),
    OCCURRED_BEFORE_REGISTRATION(HttpStatus.UNPROCESSABLE_ENTITY);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
