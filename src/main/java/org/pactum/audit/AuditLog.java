package org.pactum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Appends to the hash chain. Writers serialise on the single {@code audit_head} row, locked only
 * for the append itself: services append last, just before their transaction commits (check, act,
 * record), so the lock is held for one INSERT and one UPDATE. All chain state lives in PostgreSQL,
 * so any number of Pactum instances produce one gapless chain.
 *
 * <p>Fail closed: an append that fails throws {@link AuditUnavailableException}, which rolls back
 * the action it records and answers 503.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject RequestDenials requestDenials;

    private final Counter written;
    private final Counter failed;

    @Inject
    public AuditLog(MeterRegistry registry) {
        this.written =
                Counter.builder("pactum.audit.entries.written")
                        .description("Audit entries committed to the chain")
                        .register(registry);
        this.failed =
                Counter.builder("pactum.audit.failures")
                        .description("Audit appends that failed (their action was refused)")
                        .register(registry);
    }

    /** Appends inside the caller's transaction: the entry commits with the action or not at all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(Actor actor, AuditEvent event) {
        return write(actor, event);
    }

    /**
     * Appends in a transaction of its own: for denials, where there is no action to commit with.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuditEntry appendAlone(Actor actor, AuditEvent event) {
        return write(actor, event);
    }

    private AuditEntry write(Actor actor, AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            long prevSeq;
            String prevHash;
            try (PreparedStatement lock =
                            c.prepareStatement(
                                    "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                    ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("audit_head row missing");
                }
                prevSeq = rs.getLong(1);
                prevHash = rs.getString(2);
            }
            AuditEntry entry = chained(prevSeq + 1, prevHash, actor, event);
            insert(c, entry);
            try (PreparedStatement head =
                    c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                head.setLong(1, entry.seq());
                head.setString(2, entry.hash());
                head.executeUpdate();
            }
            written.increment();
            if (event.outcome() == Outcome.DENIED
                    && io.quarkus.arc.Arc.container().requestContext().isActive()) {
                requestDenials.recorded();
            }
            return entry;
        } catch (SQLException | RuntimeException e) {
            failed.increment();
            LOG.errorf("Audit append failed for action %s: %s", event.action(), e.getMessage());
            throw new AuditUnavailableException(e);
        }
    }

    private AuditEntry chained(long seq, String prevHash, Actor actor, AuditEvent event) {
        List<String> roles = List.copyOf(new TreeSet<>(actor.roles()));
        Map<String, Object> detail =
                event.detail() == null || event.detail().isEmpty()
                        ? null
                        : AuditChain.sorted(event.detail());
        AuditEntry unsigned =
                new AuditEntry(
                        seq,
                        AuditChain.truncate(Instant.now()),
                        AuditChain.clean(actor.subject()),
                        AuditChain.clean(actor.organisation()),
                        roles.stream().map(AuditChain::clean).toList(),
                        AuditChain.clean(actor.clientAddress()),
                        AuditChain.clean(event.action()),
                        AuditChain.clean(event.target()),
                        AuditChain.clean(event.agreementId()),
                        AuditChain.clean(event.purpose()),
                        event.outcome().name(),
                        AuditChain.clean(event.reason()),
                        detail,
                        List.copyOf(
                                new TreeSet<>(
                                        event.concerning().stream()
                                                .map(AuditChain::clean)
                                                .toList())),
                        AuditChain.clean(actor.requestId()),
                        prevHash,
                        null);
        return withHash(unsigned, AuditChain.hash(unsigned));
    }

    private void insert(Connection c, AuditEntry e) throws SQLException {
        String sql =
                """
                INSERT INTO audit_entry (seq, occurred_at, actor_subject, actor_organisation, actor_roles, client_address,
                    action, target, agreement_id, purpose, outcome, reason, detail, concerning, request_id, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, e.seq());
            ps.setTimestamp(2, Timestamp.from(e.time()));
            ps.setString(3, e.actorSubject());
            ps.setString(4, e.actorOrganisation());
            ps.setArray(5, c.createArrayOf("text", e.actorRoles().toArray()));
            ps.setString(6, e.clientAddress());
            ps.setString(7, e.action());
            ps.setString(8, e.target());
            ps.setString(9, e.agreementId());
            ps.setString(10, e.purpose());
            ps.setString(11, e.outcome());
            ps.setString(12, e.reason());
            ps.setString(13, e.detail() == null ? null : toJson(e.detail()));
            ps.setArray(14, c.createArrayOf("text", e.concerning().toArray()));
            ps.setString(15, e.requestId());
            ps.setString(16, e.prevHash());
            ps.setString(17, e.hash());
            ps.executeUpdate();
        }
    }

    private String toJson(Map<String, Object> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(
                e.seq(),
                e.time(),
                e.actorSubject(),
                e.actorOrganisation(),
                e.actorRoles(),
                e.clientAddress(),
                e.action(),
                e.target(),
                e.agreementId(),
                e.purpose(),
                e.outcome(),
                e.reason(),
                e.detail(),
                e.concerning(),
                e.requestId(),
                e.prevHash(),
                hash);
    }
}
