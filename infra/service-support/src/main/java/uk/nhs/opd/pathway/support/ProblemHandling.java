package uk.nhs.opd.pathway.support;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The translation to RFC 9457 problem+json both services share: every problem has a stable {@code code}; invalid
 * parameters list their {@code errors}; a request the firewall rejects is a 400; an unexpected failure is a 500
 * that says nothing of internals (and is logged without request data, which may be personal). Each service's
 * {@code @RestControllerAdvice} extends it with its own refusals.
 */
public abstract class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    /** One invalid field or parameter. */
    public record FieldError(String field, String message) {
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        return validation("The request is invalid", e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList());
    }

    /** The security firewall refuses odd requests (e.g. a form body with control characters in its names). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "The request was rejected as malformed"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure handling a request ({})", e.getClass().getName(), e);
        return ResponseEntity.internalServerError().body(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "The request could not be handled; nothing was stored"));
    }

    /** Problems Spring raises itself (405, 415, 406, missing parameters...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return Problems.withCode(super.handleExceptionInternal(e, body, headers, status, request));
    }

    /** 400 {@code VALIDATION_FAILED} listing the invalid fields. */
    protected static ResponseEntity<Object> validation(String detail, List<FieldError> errors) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
