package org.pactum.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct connections to the test PostgreSQL: as the superuser (to tamper) or as the application
 * role.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static Connection superuser() throws SQLException {
        return DriverManager.getConnection(PactumTestResource.jdbcUrl(), "postgres", "");
    }

    public static Connection applicationRole() throws SQLException {
        return DriverManager.getConnection(PactumTestResource.jdbcUrl(), "pactum_app", "");
    }

    public static long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = superuser();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = superuser();
                var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
