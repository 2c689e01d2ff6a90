package org.pactum.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What must happen only once the current transaction has ended: in memory, a fact that holds only
 * if the transaction's writes are really there (a remembered outcome, a request's audit seq), or
 * that must be re-read whichever way it ended.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} after the current transaction commits; never if it rolls back. */
    public void run(Runnable action) {
        register(action, true);
    }

    /** Runs {@code action} after the current transaction ends, committed or rolled back. */
    public void runAfterEnd(Runnable action) {
        register(action, false);
    }

    private void register(Runnable action, boolean onlyOnCommit) {
        transactions.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        if (!onlyOnCommit || status == Status.STATUS_COMMITTED) {
                            action.run();
                        }
                    }
                });
    }
}
