package uk.nhs.opd.pathway.query.api;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.nhs.opd.pathway.support.ProblemHandling;
import uk.nhs.opd.pathway.support.Problems;

/** Read failures as problem+json: an unknown person or service is a 404, an unaccepted parameter a 400. */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage()));
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT, e.code(), e.getMessage()));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Object> badRequest(BadRequest e) {
        return validation("The request is invalid", List.of(new FieldError(e.field(), e.getMessage())));
    }
}
