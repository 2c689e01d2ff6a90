package org.pactum.audit;

import java.util.Map;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;

/** The audit entry could not be written: the action it records must not happen (fail closed). */
public class AuditUnavailableException extends PactumException {

    public AuditUnavailableException(Throwable cause) {
        super(
                ProblemType.AUDIT_UNAVAILABLE,
                "Nothing was done or released. Try again later; if it persists, tell the partnership administrator.",
                Map.of(),
                cause);
    }
}
