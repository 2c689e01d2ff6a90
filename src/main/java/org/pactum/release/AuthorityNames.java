package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Council names beside ONS local authority codes in released tables: the name the loaded ONS lookup
 * gives ({@code PUT /api/v1/geography/lsoa} with a {@code LADyyNM} column), else the name of the
 * partnership's organisation whose one area the code is; a code with neither has no name.
 */
@ApplicationScoped
public class AuthorityNames {

    static final String DIMENSION = "localAuthority";

    @Inject AgroalDataSource dataSource;

    /** The table with {@code names} for its local authority codes, if it has that dimension. */
    public AggregateView named(AggregateView table) {
        if (!table.dimensions().contains(DIMENSION)) {
            return table;
        }
        Set<String> codes = new TreeSet<>();
        Stream.concat(
                        table.cells().stream(),
                        table.totals() == null ? Stream.empty() : table.totals().stream())
                .map(c -> c.key().get(DIMENSION))
                .filter(code -> code != null)
                .forEach(codes::add);
        return table.withNames(of(codes));
    }

    /**
     * Code to name for those of {@code codes} that have one, ordered by code: the ONS lookup's name
     * first, else the name of the first organisation (by code) whose one area the code is. One
     * statement per table.
     */
    Map<String, String> of(Set<String> codes) {
        Map<String, String> names = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                """
                                SELECT code, name FROM (
                                    SELECT code, name, 0 AS source, '' AS organisation
                                    FROM local_authority WHERE code = ANY (?)
                                    UNION ALL
                                    SELECT areas[1], name, 1, code FROM organisation
                                    WHERE cardinality(areas) = 1 AND areas[1] = ANY (?)
                                ) n ORDER BY code, source, organisation
                                """)) {
            Array wanted = c.createArrayOf("text", codes.toArray());
            ps.setArray(1, wanted);
            ps.setArray(2, wanted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The local authority names cannot be read", e);
        }
        return names;
    }
}
