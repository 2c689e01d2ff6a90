package org.pactum.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * LSOA 2021 to local authority, from the {@code lsoa_area} lookup (the ONS file in a deployment).
 * Held in memory (about 35,000 entries for England and Wales) and reloaded every few minutes so
 * instances pick up a newly loaded lookup without a restart.
 */
@ApplicationScoped
public class Geography {

    private static final Duration REFRESH = Duration.ofMinutes(5);

    @Inject AgroalDataSource dataSource;

    private volatile Map<String, String> lsoaToAuthority;
    private volatile long loadedAt;

    /**
     * LSOA to local authority; when empty (no lookup loaded) ingest checks LSOAs for format only.
     */
    public Map<String, String> lookup() {
        Map<String, String> current = lsoaToAuthority;
        if (current == null || System.nanoTime() - loadedAt > REFRESH.toNanos()) {
            current = reload();
        }
        return current;
    }

    /**
     * Loads a lookup (the demo's synthetic one) inside the caller's transaction; existing entries
     * are kept.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void seedSynthetic(Map<String, String> lookup) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO lsoa_area (lsoa, local_authority) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<String, String> e : lookup.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("The geography lookup cannot be written", e);
        }
        lsoaToAuthority = null;
    }

    /** Drops the cached lookup, so this instance reads the replaced one on its next use. */
    public void forget() {
        lsoaToAuthority = null;
    }

    public synchronized Map<String, String> reload() {
        Map<String, String> map = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT lsoa, local_authority FROM lsoa_area");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The geography lookup cannot be read", e);
        }
        lsoaToAuthority = Map.copyOf(map);
        loadedAt = System.nanoTime();
        return lsoaToAuthority;
    }
}
