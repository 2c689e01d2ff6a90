package org.pactum.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding a statement's values in order, for the features that assemble SQL with plain JDBC. */
public final class JdbcArgs {

    private JdbcArgs() {}

    /** Binds {@code args} in order; a {@code String[]} becomes a text array. */
    public static void bind(Connection c, PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] values) {
                ps.setArray(i + 1, c.createArrayOf("text", values));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
