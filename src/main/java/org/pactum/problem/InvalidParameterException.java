package org.pactum.problem;

/**
 * A request parameter (query, path or header) that cannot be read as its documented type. Carries
 * the parameter's name and the rule, never the value given.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String reason;

    public InvalidParameterException(String parameter, String reason) {
        super(parameter + " " + reason, null, false, false);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
