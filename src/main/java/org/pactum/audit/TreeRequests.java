package org.pactum.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * What the checkpoint, proof and witness requests share: reading the tree on the request's
 * connection, checking number parameters, and auditing each refusal before it is thrown.
 */
@ApplicationScoped
public class TreeRequests {

    @Inject AgroalDataSource dataSource;

    @Inject AuditLog log;

    @FunctionalInterface
    interface TreeWork<T> {
        T run(AuditTree tree) throws SQLException;
    }

    /** Runs {@code work} over the tree; an unreachable database is a 503 (fail closed). */
    <T> T withTree(TreeWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(new AuditTree(c));
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** The whole number in {@code value} (at least {@code minimum}), or null when absent. */
    Long optionalNumber(Caller caller, String action, String name, String value, long minimum) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) < minimum) {
            throw refuse(
                    caller,
                    action,
                    AuditProblems.badParameter(
                            name, "must be a whole number of at least " + minimum));
        }
        return Long.parseLong(value);
    }

    /** Audits a refusal in a transaction of its own, then returns the exception to throw. */
    PactumException refuse(Caller caller, String action, PactumException problem) {
        log.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "audit", problem.problemType().slug())
                        .concerning(caller.organisation()));
        return problem;
    }
}
