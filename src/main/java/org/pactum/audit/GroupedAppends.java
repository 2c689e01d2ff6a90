package org.pactum.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Appends the entries of read-only requests in groups (issue 16): a request that changes nothing,
 * such as fetching a checkpoint or a proof, has no transaction of its own for its entry to commit
 * with, so one writer thread commits the entries of all such requests waiting at that moment in one
 * transaction (their seqs reserved and marked in flight together, as {@link AuditLog} does one at a
 * time). Fail closed is unchanged: the request waits for its entry's commit and sends nothing if
 * the entry did not commit (503). A request that changes data appends with {@link AuditLog#append},
 * inside its own transaction.
 */
@ApplicationScoped
public class GroupedAppends {

    private static final Logger LOG = Logger.getLogger(GroupedAppends.class);

    /** At most this many entries in one commit. */
    static final int GROUP = 256;

    /** Requests waiting beyond this are refused at once (503), not queued. */
    static final int WAITING = 4_096;

    /** How long a request waits for its entry's commit before it is refused (503). */
    static final long WAIT_SECONDS = 5;

    private record Pending(Actor actor, AuditEvent event, CompletableFuture<AuditEntry> done) {}

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject AuditLog log;

    @Inject AuditSeqs seqs;

    @Inject TransactionSynchronizationRegistry transactions;

    private final BlockingQueue<Pending> waiting = new ArrayBlockingQueue<>(WAITING);
    private volatile Thread writer;

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::run, "audit-grouped-appends");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = writer;
        writer = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Appends and waits until the entry has committed, for a caller with no transaction open (the
     * entry commits on its own); inside a transaction it appends to that transaction instead. Adds
     * the seq to the request's {@code Pactum-Audit-Seq}.
     */
    public AuditEntry append(Actor actor, AuditEvent event) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // Inside a transaction the entry must commit with it, never apart from it.
            return log.append(actor, event);
        }
        Pending p = new Pending(actor, event, new CompletableFuture<>());
        if (writer == null || !waiting.offer(p)) {
            log.counted(0, 1);
            throw new AuditUnavailableException(
                    new IllegalStateException("too many audit entries waiting"));
        }
        AuditEntry entry;
        try {
            entry = p.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException(e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        }
        seqs.committed(entry.seq());
        log.noteDenial(event);
        return entry;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(GROUP);
        while (writer != null) {
            try {
                group.add(waiting.take());
                waiting.drainTo(group, GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    /** Commits the group's entries in one transaction, then tells each request. */
    private void write(List<Pending> group) {
        List<AuditEntry> entries = new ArrayList<>(group.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] seqs = AuditLog.reserve(c, group.size());
                Instant now = Instant.now();
                try (PreparedStatement ps = c.prepareStatement(AuditLog.INSERT)) {
                    for (int i = 0; i < group.size(); i++) {
                        Pending p = group.get(i);
                        AuditLog.Built built = AuditLog.prepare(seqs[i], now, p.actor(), p.event());
                        AuditLog.bind(c, ps, built.entry(), built.leaf(), json);
                        ps.addBatch();
                        entries.add(built.entry());
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            log.counted(0, group.size());
            // The class and SQL state only: a driver's message may quote what was written.
            LOG.errorf(
                    "Audit append failed for %d entries: %s %s",
                    group.size(),
                    e.getClass().getSimpleName(),
                    e instanceof SQLException sql ? sql.getSQLState() : "");
            for (Pending p : group) {
                p.done().completeExceptionally(e);
            }
            return;
        }
        log.counted(entries.size(), 0);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(entries.get(i));
        }
    }
}
