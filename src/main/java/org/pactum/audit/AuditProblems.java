package org.pactum.audit;

import java.util.Map;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;

/** Problem types of the verifiable log; their URNs are part of the contract. */
public final class AuditProblems {

    public static final ProblemType CHECKPOINT_NOT_FOUND =
            new ProblemType(404, "checkpoint-not-found", "No checkpoint of that size exists yet");
    public static final ProblemType ENTRY_NOT_FOUND =
            new ProblemType(
                    404, "audit-entry-not-found", "No audit entry you may see has that seq");
    public static final ProblemType INCONSISTENT =
            new ProblemType(
                    409,
                    "audit-inconsistent",
                    "The checkpoint is inconsistent with the log: this has been raised as an alarm");
    public static final ProblemType WITNESS_REFUSED =
            new ProblemType(422, "witness-refused", "The cosignature cannot be accepted");

    private AuditProblems() {}

    /** A 400 naming the query parameter (or body field) to fix, without echoing its value. */
    static PactumException badParameter(String name, String rule) {
        return new PactumException(
                ProblemType.INVALID_REQUEST,
                "Parameter '" + name + "' " + rule,
                Map.of("parameter", name));
    }
}
