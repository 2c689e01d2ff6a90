package org.pactum.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A domain failure with its problem type. The detail is written for the caller and must never
 * contain raw identifiers, keys, tokens or echoed input values.
 */
public class PactumException extends RuntimeException {

    private final ProblemType problemType;
    private final transient Map<String, Object> extensions;

    public PactumException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of());
    }

    public PactumException(ProblemType problemType, String detail, Map<String, Object> extensions) {
        this(problemType, detail, extensions, null);
    }

    public PactumException(
            ProblemType problemType,
            String detail,
            Map<String, Object> extensions,
            Throwable cause) {
        super(detail, cause, false, false);
        this.problemType = problemType;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemType problemType() {
        return problemType;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static PactumException notFound(String what) {
        return new PactumException(ProblemType.NOT_FOUND, what + " does not exist");
    }

    /**
     * Not found. The code is not repeated: it is whatever the caller sent (it could be an
     * identifier), and the caller knows what it asked for.
     */
    public static PactumException notFound(String kind, String code) {
        return new PactumException(
                ProblemType.NOT_FOUND,
                "No " + kind.toLowerCase(Locale.ROOT) + " has the code in the request");
    }

    public static String shown(String code) {
        return code != null && code.matches("[A-Za-z0-9._-]{1,63}") ? code : "(not a valid code)";
    }

    public static PactumException conflict(String detail) {
        return new PactumException(ProblemType.CONFLICT, detail);
    }

    public static PactumException forbidden(String detail) {
        return new PactumException(ProblemType.FORBIDDEN, detail);
    }

    public static PactumException invalid(String detail) {
        return new PactumException(ProblemType.INVALID_REQUEST, detail);
    }

    /** 400 naming the parameter (or field) and the rule it breaks, never the value it was given. */
    public static PactumException invalidParameter(String name, String reason) {
        return new PactumException(
                ProblemType.INVALID_REQUEST,
                "Invalid value for " + name + ": it " + reason,
                Map.of("errors", List.of(Map.of("field", name, "reason", reason))));
    }
}
