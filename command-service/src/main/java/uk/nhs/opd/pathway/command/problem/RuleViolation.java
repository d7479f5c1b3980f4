package uk.nhs.opd.pathway.command.problem;

import java.util.Map;

/**
 * A command refused by a rule of the pathway. Nothing is stored. The message names the state that forbids it
 * ("Cannot refer: person P-1 is SCREENED_OUT"); {@code details} are extra problem fields such as an existing id.
 */
public class RuleViolation extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public RuleViolation(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public RuleViolation(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
