package uk.nhs.opd.pathway.command.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import uk.nhs.opd.pathway.support.ProblemHandling;
import uk.nhs.opd.pathway.support.Problems;

/**
 * The command side's refusals as RFC 9457 problem+json: rule violations with their {@link ErrorCode}, and invalid
 * bodies (malformed JSON, unknown fields, wrong types, unknown enum values) as 400 listing the fields.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation violation) {
        ProblemDetail problem = problem(violation.code(), violation.getMessage());
        violation.details().forEach(problem::setProperty);
        return ResponseEntity.status(violation.code().status()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage())).toList();
        return validation("The request body is invalid", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return validation("The request is invalid", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return validation("The request body is invalid", List.of(new FieldError(field, describe(mapping))));
        }
        return validation("The request body is not valid JSON", List.of(new FieldError("body", "is not valid JSON")));
    }

    private static String describe(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return "is not a valid " + invalid.getTargetType().getSimpleName();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        return "has the wrong type or shape";
    }

    private static ProblemDetail problem(ErrorCode code, String detail) {
        return Problems.problem(code.status(), code.name(), detail);
    }
}
