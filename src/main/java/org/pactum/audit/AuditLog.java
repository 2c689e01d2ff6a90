package org.pactum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Appends entries. Each takes its seq from a PostgreSQL sequence and commits with the action it
 * records; no writer waits for another (no row lock held until commit). The {@link AuditIntegrator}
 * folds committed entries into the Merkle tree in seq order and signs checkpoints. All state lives
 * in PostgreSQL, so any number of Pactum instances produce one gapless log.
 *
 * <p>Fail closed: an append that fails throws {@link AuditUnavailableException}, which rolls back
 * the action it records and answers 503.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** The advisory lock space (first key) of in-flight entries; the second key is seq mod 2^31. */
    static final int SEQ_LOCK_SPACE = 0x50_41_55_44; // "PAUD"

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject AuditSeqs seqs;
    @Inject RequestDenials requestDenials;

    private final Counter written;
    private final Counter failed;

    @Inject
    public AuditLog(MeterRegistry registry) {
        this.written =
                Counter.builder("pactum.audit.entries.written")
                        .description("Audit entries committed to the log")
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
            long seq = reserve(c);
            Built built = prepare(seq, Instant.now(), actor, event);
            AuditEntry entry = built.entry();
            insert(c, entry, built.leaf(), json);
            written.increment();
            seqs.onCommit(entry.seq());
            noteDenial(event);
            return entry;
        } catch (SQLException | RuntimeException e) {
            failed.increment();
            LOG.errorf("Audit append failed for action %s: %s", event.action(), e.getMessage());
            throw new AuditUnavailableException(e);
        }
    }

    /** Tells the current request, if any, that it recorded a denial. */
    void noteDenial(AuditEvent event) {
        if (event.outcome() == Outcome.DENIED && Arc.container().requestContext().isActive()) {
            requestDenials.recorded();
        }
    }

    /**
     * Takes the next seq from a sequence and marks it in flight with a transaction-scoped advisory
     * lock, which PostgreSQL releases at commit or rollback: the integrator waits for a held seq
     * and voids one whose transaction rolled back, so the tree has no gaps.
     */
    static long reserve(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT s, pg_advisory_xact_lock(?, (s % 2147483648)::int) "
                                + "FROM (SELECT nextval('audit_entry_seq') AS s) n")) {
            ps.setInt(1, SEQ_LOCK_SPACE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Takes {@code n} seqs at once, ascending, each marked in flight as {@link #reserve} does. */
    static long[] reserve(Connection c, int n) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT s, pg_advisory_xact_lock(?, (s % 2147483648)::int) FROM (SELECT"
                                + " nextval('audit_entry_seq') AS s FROM generate_series(1, ?)) n"
                                + " ORDER BY s")) {
            ps.setInt(1, SEQ_LOCK_SPACE);
            ps.setInt(2, n);
            long[] seqs = new long[n];
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n; i++) {
                    rs.next();
                    seqs[i] = rs.getLong(1);
                }
            }
            return seqs;
        }
    }

    /** Counts entries committed, or failed, outside {@link #append} (GroupedAppends). */
    void counted(int committed, int failures) {
        written.increment(committed);
        failed.increment(failures);
    }

    /** An entry as stored, with its leaf hash (both from one canonical encoding). */
    record Built(AuditEntry entry, byte[] leaf) {}

    /** The entry as stored: strings cleaned, roles and organisations sorted, hash computed. */
    static AuditEntry build(long seq, Instant time, Actor actor, AuditEvent event) {
        return prepare(seq, time, actor, event).entry();
    }

    static Built prepare(long seq, Instant time, Actor actor, AuditEvent event) {
        List<String> roles = List.copyOf(new TreeSet<>(actor.roles()));
        Map<String, Object> detail =
                event.detail() == null || event.detail().isEmpty()
                        ? null
                        : AuditChain.sorted(event.detail());
        AuditEntry unsigned =
                new AuditEntry(
                        seq,
                        AuditChain.truncate(time),
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
                        null,
                        null);
        byte[] canonical = AuditChain.canonical(unsigned).getBytes(StandardCharsets.UTF_8);
        return new Built(
                withHash(unsigned, HexFormat.of().formatHex(Merkle.sha256().digest(canonical))),
                Merkle.leafHash(canonical));
    }

    static void insert(Connection c, AuditEntry e, ObjectMapper json) throws SQLException {
        insert(c, e, AuditChain.leafHash(e), json);
    }

    static final String INSERT =
            """
            INSERT INTO audit_entry (seq, occurred_at, actor_subject, actor_organisation, actor_roles, client_address,
                action, target, agreement_id, purpose, outcome, reason, detail, concerning, request_id, prev_hash, hash,
                leaf_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            """;

    static void insert(Connection c, AuditEntry e, byte[] leaf, ObjectMapper json)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(c, ps, e, leaf, json);
            ps.executeUpdate();
        }
    }

    /** Binds one entry to {@link #INSERT}. */
    static void bind(
            Connection c, PreparedStatement ps, AuditEntry e, byte[] leaf, ObjectMapper json)
            throws SQLException {
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
        ps.setString(13, e.detail() == null ? null : toJson(json, e.detail()));
        ps.setArray(14, c.createArrayOf("text", e.concerning().toArray()));
        ps.setString(15, e.requestId());
        ps.setString(16, e.prevHash());
        ps.setString(17, e.hash());
        ps.setBytes(18, leaf);
    }

    private static String toJson(ObjectMapper json, Map<String, Object> detail) {
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
