package org.pactum.subject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pactum.platform.JdbcArgs;

/** The few JDBC steps every subject statement repeats: binding values and mapping rows. */
final class SubjectJdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private SubjectJdbc() {}

    /** Binds {@code args}, runs the query and maps every row. */
    static <T> List<T> list(Connection c, String sql, List<?> args, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            JdbcArgs.bind(c, ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    /** Binds {@code args} and runs an INSERT, UPDATE or DELETE; returns the rows changed. */
    static long update(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            JdbcArgs.bind(c, ps, args);
            return ps.executeUpdate();
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A request's match, from its {@code pseudonyms} and {@code linkage_keys} columns. */
    static SubjectMatch match(ResultSet rs, int pseudonyms, int linkageKeys) throws SQLException {
        return new SubjectMatch(
                strings(rs.getArray(pseudonyms)), strings(rs.getArray(linkageKeys)));
    }
}
