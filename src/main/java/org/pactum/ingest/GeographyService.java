package org.pactum.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.Geography;
import org.pactum.platform.AfterCommit;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * Replaces the LSOA 2021 to local authority lookup from the ONS file as published (columns {@code
 * LSOA21CD} and one {@code LADyyCD}, optionally {@code LADyyNM}; other columns are ignored). The
 * whole file is checked before anything changes, and the replacement is one transaction: ingest
 * sees the old lookup or the new one, never a mixture. Administrators only; audited either way.
 */
@ApplicationScoped
public class GeographyService {

    public static final ProblemType INVALID_LOOKUP =
            new ProblemType(
                    422,
                    "invalid-geography",
                    "The lookup file breaks one or more rules; nothing was changed");

    static final String ACTION = "geography.replace";
    static final String TARGET = "geography:lsoa";
    private static final Pattern LSOA = Pattern.compile("^[EW]01[0-9]{6}$");
    private static final Pattern AUTHORITY = Pattern.compile("^[EW]0[6-9][0-9]{6}$");
    private static final Pattern LAD_CODE = Pattern.compile("^LAD[0-9]{2}CD$");
    private static final Pattern LAD_NAME = Pattern.compile("^LAD[0-9]{2}NM$");
    private static final int MAX_ERRORS = 1_000;
    private static final int MAX_ROW_CHARS = 4_096;
    private static final int MAX_FIELDS = 64;

    /** England and Wales have 35,672 LSOAs (2021); the cap leaves room and stops a runaway body. */
    private static final int MAX_ROWS = 100_000;

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    @Inject AgroalDataSource dataSource;

    @Inject AuditLog audit;

    @Inject Geography geography;

    @Inject AfterCommit afterCommit;

    public record Loaded(int lsoaCount, int localAuthorityCount) {}

    /** The lookup as read: LSOA to authority, and authority names where the file gives them. */
    private record Lookup(Map<String, String> areas, Map<String, String> names) {}

    @Transactional
    public Loaded replace(Caller caller, InputStream body) {
        if (!caller.isAdmin()) {
            audit.appendAlone(
                    Actor.of(caller), AuditEvent.denied(ACTION, TARGET, "not an administrator"));
            throw PactumException.forbidden(
                    "Only a partnership administrator can replace the geography lookup");
        }
        Lookup lookup = read(caller, body);
        write(lookup);
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed(ACTION, TARGET)
                        .with("lsoaCount", lookup.areas().size())
                        .with("localAuthorityCount", lookup.names().size()));
        // Other requests keep the old lookup until this one commits; then this instance re-reads
        // it.
        afterCommit.runAfterEnd(geography::forget);
        return new Loaded(lookup.areas().size(), lookup.names().size());
    }

    /** What a lookup file has given so far: its areas, names, and the first problems. */
    private static final class Found {
        final Map<String, String> areas = new LinkedHashMap<>();
        final Map<String, String> names = new HashMap<>();
        final List<RowError> errors = new ArrayList<>();
        long errorCount;

        void note(RowError error) {
            errorCount++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(error);
            }
        }
    }

    private Lookup read(Caller caller, InputStream body) {
        Found found = new Found();
        try (var reader = SubmissionWriter.strictUtf8(new LimitedInputStream(body, MAX_BYTES))) {
            CsvRowSource csv = new CsvRowSource(reader, MAX_ROW_CHARS, MAX_FIELDS);
            Columns columns = Columns.of(csv.header());
            if (columns.problem() != null) {
                refuse(caller, List.of(new RowError(1, "header", columns.problem())), 1);
            }
            while (csv.next()) {
                readRow(caller, csv, columns, found);
            }
        } catch (FatalBodyException e) {
            refuse(caller, List.of(new RowError(e.line, "body", e.getMessage())), 1);
        } catch (LimitedInputStream.TooLarge e) {
            audit.appendAlone(
                    Actor.of(caller), AuditEvent.denied(ACTION, TARGET, "body too large"));
            throw new PactumException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The lookup file is larger than " + MAX_BYTES / (1024 * 1024) + " MiB",
                    Map.of());
        } catch (CharacterCodingException e) {
            refuse(caller, List.of(new RowError(0, "body", "is not valid UTF-8")), 1);
        } catch (IOException e) {
            audit.appendAlone(
                    Actor.of(caller), AuditEvent.denied(ACTION, TARGET, "upload interrupted"));
            throw new PactumException(
                    IngestProblems.INCOMPLETE_UPLOAD,
                    "The upload ended before the file was complete; nothing was changed",
                    Map.of());
        }
        if (!found.errors.isEmpty()) {
            refuse(caller, found.errors, found.errorCount);
        }
        if (found.areas.isEmpty()) {
            refuse(caller, List.of(new RowError(2, "row", "the file has no LSOA rows")), 1);
        }
        return new Lookup(found.areas, found.names);
    }

    /** One row of the lookup: its area, then (if the area stands) its authority's name. */
    private void readRow(Caller caller, CsvRowSource csv, Columns columns, Found found) {
        long line = csv.line();
        if (csv.shapeProblem() != null) {
            found.note(new RowError(line, "row", csv.shapeProblem()));
            return;
        }
        RowError problem = area(csv, columns, found);
        if (problem != null) {
            found.note(problem);
            return;
        }
        if (found.areas.size() > MAX_ROWS) {
            refuse(
                    caller,
                    List.of(
                            new RowError(
                                    line, "row", "the file has more than " + MAX_ROWS + " LSOAs")),
                    found.errorCount + 1);
        }
        problem = name(csv, columns, found);
        if (problem != null) {
            found.note(problem);
        }
    }

    /** Adds the row's LSOA and authority; the row's problem with them, or null. */
    private static RowError area(CsvRowSource csv, Columns columns, Found found) {
        String[] v = csv.values();
        String lsoa = v[columns.lsoa()];
        String authority = v[columns.authority()];
        String lsoaColumn = csv.header()[columns.lsoa()];
        if (lsoa == null || !LSOA.matcher(lsoa.trim()).matches()) {
            return new RowError(
                    csv.line(), lsoaColumn, "is not an LSOA 2021 code (E01 or W01 and six digits)");
        }
        if (authority == null || !AUTHORITY.matcher(authority.trim()).matches()) {
            return new RowError(
                    csv.line(),
                    csv.header()[columns.authority()],
                    "is not a local authority district code (E06-E09 or W06 and six digits)");
        }
        if (found.areas.putIfAbsent(lsoa.trim(), authority.trim()) != null) {
            return new RowError(csv.line(), lsoaColumn, "repeats an LSOA given on an earlier line");
        }
        return null;
    }

    /** Adds the row's authority name, if it has one; the row's problem with it, or null. */
    private static RowError name(CsvRowSource csv, Columns columns, Found found) {
        String name = columns.name() < 0 ? null : csv.values()[columns.name()];
        if (name == null || name.isBlank()) {
            return null;
        }
        String clean = name.trim();
        String column = csv.header()[columns.name()];
        if (clean.length() > 200 || clean.chars().anyMatch(Character::isISOControl)) {
            return new RowError(
                    csv.line(),
                    column,
                    "is not a plausible authority name (control characters, or over 200 characters)");
        }
        String authority = csv.values()[columns.authority()].trim();
        String earlier = found.names.putIfAbsent(authority, clean);
        if (earlier != null && !earlier.equals(clean)) {
            return new RowError(
                    csv.line(), column, "names this authority differently from an earlier line");
        }
        return null;
    }

    private void refuse(Caller caller, List<RowError> errors, long count) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(ACTION, TARGET, "invalid lookup: " + count + " problem(s)"));
        RowError first = errors.get(0);
        throw new PactumException(
                INVALID_LOOKUP,
                "The lookup file has "
                        + count
                        + " problem(s); the first, on line "
                        + first.line()
                        + ": "
                        + first.field()
                        + " "
                        + first.reason(),
                Map.of("errors", errors, "errorCount", count));
    }

    private void write(Lookup lookup) {
        try (Connection c = dataSource.getConnection()) {
            try (var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM lsoa_area");
                st.executeUpdate("DELETE FROM local_authority");
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO lsoa_area (lsoa, local_authority) VALUES (?, ?)")) {
                batch(ps, lookup.areas());
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO local_authority (code, name) VALUES (?, ?)")) {
                batch(ps, lookup.names());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The geography lookup cannot be replaced", e);
        }
    }

    private static void batch(PreparedStatement ps, Map<String, String> rows) throws SQLException {
        int pending = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            ps.setString(1, e.getKey());
            ps.setString(2, e.getValue());
            ps.addBatch();
            if (++pending == 1_000) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }

    /** Where the ONS columns sit in this file's header, or why the header will not do. */
    private record Columns(int lsoa, int authority, int name, String problem) {

        static Columns of(String[] header) {
            int lsoa = -1;
            int authority = -1;
            int name = -1;
            for (int i = 0; i < header.length; i++) {
                String h = header[i].trim().toUpperCase(Locale.ROOT);
                if (h.equals("LSOA21CD")) {
                    lsoa = i;
                } else if (LAD_CODE.matcher(h).matches()) {
                    if (authority >= 0) {
                        return new Columns(-1, -1, -1, "has more than one LADyyCD column");
                    }
                    authority = i;
                } else if (LAD_NAME.matcher(h).matches()) {
                    name = i;
                }
            }
            if (lsoa < 0 || authority < 0) {
                return new Columns(
                        -1,
                        -1,
                        -1,
                        "needs the ONS columns LSOA21CD and one LADyyCD (for example LAD22CD)");
            }
            return new Columns(lsoa, authority, name, null);
        }
    }
}
