package org.pactum.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pactum.feed.AgeBands;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.pseudonym.PersonIds;

/**
 * One feed's row pipeline, compiled once per submission: validate each value against the schema
 * ({@link FieldParser}), derive (age band, month, local authority) and pseudonymise at the door
 * ({@link DerivedRow}), and write the row as a line of PostgreSQL COPY text ({@link CopyLine}). Raw
 * identifiers, names, dates of birth and free text go no further than these objects' fields, which
 * the next row overwrites; errors name the field and the rule, never the value.
 */
final class RowPipeline {

    private static final int MAX_AGE = 120;

    private final String feed;
    private final String provider;
    private final long submissionId;
    private final Map<String, String> lsoaLookup;
    private final PersonIds ids;
    private final FieldParser[] parsers;
    private final int[] columnAt;
    private final Object[] parsed;
    private final DerivedRow row;
    private final IngestCube cube;

    RowPipeline(
            FeedSchema schema,
            String[] header,
            String provider,
            long submissionId,
            Map<String, String> lsoaLookup,
            PersonIds ids,
            IngestCube cube) {
        this.feed = schema.code();
        this.provider = provider;
        this.submissionId = submissionId;
        this.lsoaLookup = lsoaLookup;
        this.ids = ids;
        List<FeedField> fields = schema.fields();
        parsers = new FieldParser[fields.size()];
        columnAt = new int[fields.size()];
        for (int i = 0; i < parsers.length; i++) {
            FeedField f = fields.get(i);
            parsers[i] = new FieldParser(f, lsoaLookup);
            columnAt[i] = -1;
            for (int h = 0; h < header.length; h++) {
                if (header[h].equals(f.name())) {
                    columnAt[i] = h;
                }
            }
        }
        parsed = new Object[parsers.length];
        row = new DerivedRow(fields, provider, ids);
        this.cube = cube;
    }

    /** CSV header problems: every required column present, no unknown or repeated columns. */
    static List<RowError> checkHeader(FeedSchema schema, String[] header) {
        List<RowError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i];
            if (schema.field(name).isEmpty()) {
                // Named by position: a header-less extract puts its first row's values here.
                errors.add(
                        new RowError(
                                1,
                                "column " + (i + 1),
                                "is not a column of "
                                        + schema.code()
                                        + " v"
                                        + schema.version()
                                        + "; see GET /api/v1/feeds/"
                                        + schema.code()));
            } else if (!seen.add(name)) {
                errors.add(new RowError(1, name, "appears more than once in the header"));
            }
        }
        for (FeedField f : schema.fields()) {
            if (f.required() && !seen.contains(f.name())) {
                errors.add(
                        new RowError(
                                1,
                                f.name(),
                                "is a required column and is missing from the header"));
            }
        }
        return errors;
    }

    /**
     * Checks one row. If it is valid, appends its COPY line to {@code out} and returns true;
     * otherwise records every problem in {@code errors} and returns false.
     */
    boolean process(
            long line, String[] values, String shapeProblem, CopyLine out, RowErrors errors) {
        if (shapeProblem != null) {
            errors.add(line, "(row)", "row " + shapeProblem);
            errors.rowRejected();
            return false;
        }
        boolean ok = parseValues(line, values, errors) && derive(line, errors);
        if (ok) {
            write(line, out);
        } else {
            errors.rowRejected();
        }
        return ok;
    }

    /** Step 1: every value against its field's rule; all problems of the row are reported. */
    private boolean parseValues(long line, String[] values, RowErrors errors) {
        boolean ok = true;
        for (int i = 0; i < parsers.length; i++) {
            FieldParser p = parsers[i];
            String raw = columnAt[i] < 0 ? null : values[columnAt[i]];
            parsed[i] = null;
            if (raw != null && raw.indexOf('\0') >= 0) {
                errors.add(
                        line, p.field.name(), "contains a NUL character, which is never accepted");
                ok = false;
            } else if (raw == null || raw.isBlank()) {
                if (p.field.required()) {
                    errors.add(line, p.field.name(), "is required");
                    ok = false;
                }
            } else {
                try {
                    parsed[i] = p.parse(raw.strip());
                } catch (FieldParser.Invalid e) {
                    errors.add(line, p.field.name(), e.getMessage());
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** Step 2: pseudonymise and place each value, then the checks across fields and the age. */
    private boolean derive(long line, RowErrors errors) {
        row.collect(parsed);
        boolean ok = checkArea(line, errors) & checkDateOfBirth(line, errors);
        if (ok && row.age != null) {
            row.ageBand = AgeBands.of(row.age);
        }
        return ok;
    }

    /** The local authority comes from the LSOA lookup, and must agree with it when given. */
    private boolean checkArea(long line, RowErrors errors) {
        if (row.lsoa == null) {
            return true;
        }
        String fromLookup = lsoaLookup.get(row.lsoa);
        if (row.authority == null) {
            row.authority = fromLookup;
        } else if (fromLookup != null && !fromLookup.equals(row.authority)) {
            errors.add(
                    line,
                    row.authorityField,
                    "does not contain the row's LSOA (the lookup places it in " + fromLookup + ")");
            return false;
        }
        return true;
    }

    /** The age at the event, from the date of birth: not after the event, not over 120. */
    private boolean checkDateOfBirth(long line, RowErrors errors) {
        if (row.dateOfBirth == null) {
            return true;
        }
        if (row.eventDate == null) {
            row.eventDate = row.eventMonth == null ? null : row.eventMonth.atDay(1);
        }
        if (row.eventDate == null) {
            return true;
        }
        if (row.dateOfBirth.isAfter(row.eventDate)) {
            errors.add(line, row.dateOfBirthField, "is after the event date");
            return false;
        }
        row.age = Period.between(row.dateOfBirth, row.eventDate).getYears();
        if (row.age > MAX_AGE) {
            errors.add(
                    line, row.dateOfBirthField, "gives an age over " + MAX_AGE + " at the event");
            return false;
        }
        return true;
    }

    /**
     * Step 3: the row as a COPY line in {@code SubmissionWriter.COPY_SQL}'s column order, added to
     * its cube cell.
     */
    private void write(long line, CopyLine out) {
        out.number(submissionId).tab().text(feed).tab().text(provider).tab().number(line).tab();
        int stored = out.length();
        out.text(row.personId).tab().text(row.linkageKey()).tab();
        out.date(row.eventDate).tab();
        out.date(row.eventMonth == null ? null : row.eventMonth.atDay(1)).tab();
        out.text(row.authority).tab().text(row.lsoa).tab().text(row.ageBand).tab();
        out.text(row.sex).tab().text(row.ethnicity).tab();
        writeAttrs(out);
        long hash = recordHash(out, stored);
        out.tab().number(hash).endRow();
        cube.add(row, hash);
    }

    /** The jsonb attributes: {@code {"name":value,...}} in schema order. */
    private void writeAttrs(CopyLine out) {
        out.ascii('{');
        for (int i = 0; i < row.attrCount; i++) {
            if (i > 0) {
                out.ascii(',');
            }
            out.ascii('"').latin(row.attrNames[i]).ascii('"').ascii(':');
            Object value = row.attrValues[i];
            if (value instanceof Boolean || value instanceof Integer) {
                out.latin(value.toString());
            } else if (value instanceof LocalDateTime
                    || value instanceof LocalDate
                    || value instanceof YearMonth) {
                out.jsonString(value.toString());
            } else {
                out.jsonString((String) value);
            }
        }
        out.ascii('}');
    }

    /**
     * The persistent record hash (issue 13, see {@link PersonIds#recordHash}): of the feed, the
     * provider and the record reference if there is one, otherwise of the row as stored (without
     * the submission id and line number, which change with every push).
     */
    private long recordHash(CopyLine out, int stored) {
        StringBuilder identity = new StringBuilder(128).append(feed).append('|');
        identity.append(provider).append('|');
        if (row.recordReference.length() > 0) {
            identity.append(row.recordReference);
        } else {
            identity.append(out.since(stored));
        }
        return ids.recordHash(identity);
    }
}
