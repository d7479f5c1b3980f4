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
    /** The Idempotency-Key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY),
    EVENT_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** A referral is not in the state the command needs ("Cannot admit: referral R-12 is REJECTED"). */
    REFERRAL_STATE_CONFLICT(HttpStatus.CONFLICT),
    /** The command acts on a placement that is not open (or not in laydown, for a laydown end). */
    PLACEMENT_NOT_OPEN(HttpStatus.CONFLICT),
    /** The person already has a residential or custodial placement. */
    PLACEMENT_CONFLICT(HttpStatus.CONFLICT),
    /** The service is full and no capacity override reason was given. */
    SERVICE_AT_CAPACITY(HttpStatus.CONFLICT),
    /** The person has exited the pathway: nothing can follow. */
    PATHWAY_EXITED(HttpStatus.CONFLICT),
    /** The event named cannot be retracted (registration, an erasure, a retraction, or one already retracted). */
    EVENT_NOT_RETRACTABLE(HttpStatus.CONFLICT),
    /** The person's personal data was erased: nothing personal can be added or read. */
    PERSONAL_DATA_ERASED(HttpStatus.CONFLICT),
    /** If-Match named a version of the person other than the current one. */
    VERSION_MISMATCH(HttpStatus.PRECONDITION_FAILED),
    UNDER_AGE(HttpStatus.UNPROCESSABLE_ENTITY),
    /** Release needs custody, recall needs the community, and each transition its own starting place. */
    LOCATION_RULE(HttpStatus.UNPROCESSABLE_ENTITY),
    /** The de-selection reason allows only the CLOSED disposition. */
    DISPOSITION_NOT_ALLOWED(HttpStatus.UNPROCESSABLE_ENTITY),
    NOT_SCREENED_IN(HttpStatus.UNPROCESSABLE_ENTITY),
    OFFENDER_MANAGER_SUPPORT_REQUIRED(HttpStatus.UNPROCESSABLE_ENTITY),
    PATHWAY_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY),
    OCCURRED_IN_FUTURE(HttpStatus.UNPROCESSABLE_ENTITY),
    OCCURRED_BEFORE_REGISTRATION(HttpStatus.UNPROCESSABLE_ENTITY),
    /** occurredAt precedes a fact the command builds on (the referral it decides, the admission it ends, ...). */
    OCCURRED_OUT_OF_ORDER(HttpStatus.UNPROCESSABLE_ENTITY);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
