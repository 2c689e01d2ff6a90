package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementRules;

/**
 * The per-recipient query budget (issue 20), a backstop behind the disclosure rules: a recipient
 * organisation may draw so many tables from one feed under one agreement per fixed window (windows
 * start at midnight UTC every {@code budgetWindowDays} days from 1970-01-01). A table is drawn once
 * its request is well formed, before the data is read, and in its own transaction: a refusal that
 * depends on the data (population, sparsity) still spends it, so refusals are no free oracle.
 */
@ApplicationScoped
public class QueryBudget {

    @Inject AgroalDataSource dataSource;

    /** Limit, tables drawn in the current window, and when the next window starts. */
    public record Standing(int limit, int drawn, Instant renewsAt, LocalDate windowStart) {
        public int remaining() {
            return Math.max(0, limit - drawn);
        }
    }

    static int limit(AgreementContent.DisclosureProfile p) {
        return p.tablesPerWindow() == null
                ? AgreementRules.DEFAULT_TABLES_PER_WINDOW
                : p.tablesPerWindow();
    }

    static int windowDays(AgreementContent.DisclosureProfile p) {
        return p.budgetWindowDays() == null
                ? AgreementRules.DEFAULT_BUDGET_WINDOW_DAYS
                : p.budgetWindowDays();
    }

    private static LocalDate windowStart(int days) {
        long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
        return LocalDate.ofEpochDay(Math.floorDiv(today, days) * days);
    }

    @Transactional
    public Standing standing(
            String agreementId,
            String recipient,
            String feed,
            AgreementContent.DisclosureProfile p) {
        int days = windowDays(p);
        LocalDate start = windowStart(days);
        int drawn = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT tables_drawn FROM release_budget WHERE agreement_id = ? AND recipient = ? "
                                        + "AND feed = ? AND window_start = ?")) {
            ps.setString(1, agreementId);
            ps.setString(2, recipient);
            ps.setString(3, feed);
            ps.setDate(4, Date.valueOf(start));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    drawn = rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The query budget cannot be read", e);
        }
        return new Standing(limit(p), drawn, renewal(start, days), start);
    }

    /**
     * Draws one table, committed at once; returns the standing after it, or empty when the budget
     * was already spent (nothing is drawn then).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<Standing> draw(
            String agreementId,
            String recipient,
            String feed,
            AgreementContent.DisclosureProfile p) {
        int days = windowDays(p);
        int limit = limit(p);
        LocalDate start = windowStart(days);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO release_budget AS b (agreement_id, recipient, feed, window_start, tables_drawn) "
                                        + "VALUES (?, ?, ?, ?, 1) ON CONFLICT (agreement_id, recipient, feed, window_start) "
                                        + "DO UPDATE SET tables_drawn = b.tables_drawn + 1 WHERE b.tables_drawn < ? "
                                        + "RETURNING tables_drawn")) {
            ps.setString(1, agreementId);
            ps.setString(2, recipient);
            ps.setString(3, feed);
            ps.setDate(4, Date.valueOf(start));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(
                        new Standing(limit, rs.getInt(1), renewal(start, days), start));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The query budget cannot be written", e);
        }
    }

    static Instant renewal(LocalDate start, int days) {
        return start.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The standing when the budget is spent, for the 429 problem. */
    public Standing spent(
            String agreementId,
            String recipient,
            String feed,
            AgreementContent.DisclosureProfile p) {
        int days = windowDays(p);
        LocalDate start = windowStart(days);
        return new Standing(limit(p), limit(p), renewal(start, days), start);
    }
}
