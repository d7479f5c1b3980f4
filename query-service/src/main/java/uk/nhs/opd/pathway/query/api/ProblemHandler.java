package uk.nhs.opd.pathway.query.api;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.nhs.opd.pathway.support.ProblemHandling;
import uk.nhs.opd.pathway.support.Problems;

/** Read failures as problem+json: a refusal with its status and code (an unknown person or service is a 404), an unaccepted parameter a 400. */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(Refusal e) {
        return ResponseEntity.status(e.status()).body(Problems.problem(e.status(), e.code(), e.getMessage()));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Object> badRequest(BadRequest e) {
        return validation("The request is invalid", List.of(new FieldError(e.field(), e.getMessage())));
    }
}
