package org.pactum.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pactum.cube.CubeShape;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A new submission's release cube cells, added up in memory as its rows are written (issue 14), so
 * the push need not read its rows back and GROUP BY them: one cell per distinct event month, local
 * authority, age band, sex, ethnicity and categorical attribute values, with the row count and
 * record-hash sum, exactly as {@code CubeService}'s GROUP BY over the stored rows gives them. Each
 * dimension's values are numbered as they appear and the numbers packed into a long key. A value
 * that does not fit its dimension's bits, or more than the configured number of cells, gives up:
 * the cube is then built by that GROUP BY, as before.
 */
final class IngestCube {

    private static final int MONTH = 0;
    private static final int AUTHORITY = 1;
    private static final int AGE_BAND = 2;
    private static final int SEX = 3;
    private static final int ETHNICITY = 4;
    private static final int FIXED = 5;

    /** Bits for the dimensions whose values no schema lists: months, councils, age bands. */
    private static final int[] FIXED_BITS = {12, 12, 6, 6, 8};

    private final List<String> attributes;
    private final Dictionary[] dims;
    private final int[] shift;
    private final int[] codes;
    private final long coreMask;
    private CellSums cells;

    private IngestCube(FeedSchema schema, int maxCells) {
        attributes = CubeShape.attributes(schema);
        dims = new Dictionary[FIXED + attributes.size()];
        shift = new int[dims.length];
        codes = new int[dims.length];
        int bits = 0;
        for (int d = 0; d < dims.length; d++) {
            int width =
                    d < FIXED ? FIXED_BITS[d] : attributeBits(schema, attributes.get(d - FIXED));
            dims[d] = new Dictionary(width);
            shift[d] = bits;
            bits += width;
        }
        coreMask = (1L << shift[ETHNICITY]) - 1; // month, council, age band and sex
        cells = bits <= 63 ? new CellSums(maxCells) : null;
    }

    /** Adds up the cells of a submission of {@code schema}, at most {@code maxCells} of them. */
    static IngestCube of(FeedSchema schema, int maxCells) {
        return new IngestCube(schema, maxCells);
    }

    /** A cube that adds nothing up (its caller rebuilds the cube from the rows). */
    static IngestCube off(FeedSchema schema) {
        IngestCube cube = new IngestCube(schema, 0);
        cube.cells = null;
        return cube;
    }

    /** True while every row written so far is in a cell. */
    boolean complete() {
        return cells != null;
    }

    /** Adds one stored row, with its record hash. */
    void add(DerivedRow row, long recordHash) {
        if (cells == null) {
            return;
        }
        codes[MONTH] = dims[MONTH].code(row.eventMonth);
        codes[AUTHORITY] = dims[AUTHORITY].code(row.authority);
        codes[AGE_BAND] = dims[AGE_BAND].code(row.ageBand);
        codes[SEX] = dims[SEX].code(row.sex);
        codes[ETHNICITY] = dims[ETHNICITY].code(row.ethnicity);
        for (int d = FIXED; d < dims.length; d++) {
            codes[d] = 0;
        }
        for (int i = 0; i < row.attrCount; i++) {
            int a = attributes.indexOf(row.attrNames[i]);
            if (a >= 0) {
                codes[FIXED + a] = dims[FIXED + a].code(row.attrValues[i]);
            }
        }
        long key = 0;
        for (int d = 0; d < dims.length; d++) {
            if (codes[d] < 0) {
                cells = null; // a value beyond its dimension's bits: give up
                return;
            }
            key |= (long) codes[d] << shift[d];
        }
        if (!cells.add(key, recordHash)) {
            cells = null; // more cells than allowed: give up
        }
    }

    /**
     * COPYs the cells into the cube tables as the submission's, the finest and the coarser (month,
     * council, age band, sex); returns how many finest cells there were.
     */
    int copyTo(Connection c, String feed, String provider, long submissionId) throws SQLException {
        CellSums core = new CellSums(Integer.MAX_VALUE);
        cells.forEach((key, rows, low, high) -> core.add(key & coreMask, rows, low, high));
        copy(c, CubeShape.TABLE, true, cells, feed, provider, submissionId);
        copy(c, CubeShape.CORE_TABLE, false, core, feed, provider, submissionId);
        return cells.size();
    }

    private void copy(
            Connection c,
            String table,
            boolean finest,
            CellSums sums,
            String feed,
            String provider,
            long submissionId)
            throws SQLException {
        List<String> columns = new ArrayList<>(List.of("feed", "provider", "submission_id"));
        columns.addAll(CubeShape.CORE_COLUMNS);
        if (finest) {
            columns.add("ethnicity");
            columns.add("attrs");
        }
        columns.add("rows");
        columns.add("hash_sum");
        CopyIn copy =
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY "
                                        + table
                                        + " ("
                                        + String.join(", ", columns)
                                        + ") FROM STDIN");
        try {
            CopyLine out = new CopyLine(1 << 16);
            sums.forEach(
                    (key, rows, low, high) -> {
                        out.text(feed).tab().text(provider).tab().number(submissionId).tab();
                        YearMonth month = (YearMonth) value(MONTH, key);
                        out.date(month == null ? null : month.atDay(1)).tab();
                        out.text((String) value(AUTHORITY, key)).tab();
                        out.text((String) value(AGE_BAND, key)).tab();
                        out.text((String) value(SEX, key)).tab();
                        if (finest) {
                            out.text((String) value(ETHNICITY, key)).tab();
                            writeAttrs(out, key);
                            out.tab();
                        }
                        out.number(rows).tab().latin(CellSums.sum(low, high).toString()).endRow();
                        if (out.length() >= 1 << 16) {
                            out.sendTo(copy);
                        }
                    });
            out.sendTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The cell's attributes as jsonb_build_object writes them: every one, null when absent. */
    private void writeAttrs(CopyLine out, long key) {
        out.ascii('{');
        for (int a = 0; a < attributes.size(); a++) {
            if (a > 0) {
                out.ascii(',');
            }
            out.jsonString(attributes.get(a)).ascii(':');
            Object value = value(FIXED + a, key);
            if (value == null) {
                out.latin("null");
            } else if (value instanceof Boolean || value instanceof Number) {
                out.latin(value.toString());
            } else {
                out.jsonString(value.toString());
            }
        }
        out.ascii('}');
    }

    private Object value(int d, long key) {
        return dims[d].value((int) ((key >>> shift[d]) & ((1L << dims[d].bits) - 1)));
    }

    /** A coded attribute needs its codes and absence; a boolean, true, false and absence. */
    private static int attributeBits(FeedSchema schema, String name) {
        FeedField f = schema.field(name).orElseThrow();
        int values = f.type() == FieldType.BOOLEAN ? 2 : f.codes().size();
        return 32 - Integer.numberOfLeadingZeros(values);
    }

    /** One dimension's values, numbered from 1 as they appear; 0 is absent (null). */
    private static final class Dictionary {
        final int bits;
        private final Map<Object, Integer> codes = new HashMap<>();
        private final List<Object> values = new ArrayList<>();

        Dictionary(int bits) {
            this.bits = bits;
            values.add(null);
        }

        /** The value's number, or -1 when it does not fit in the bits. */
        int code(Object value) {
            if (value == null) {
                return 0;
            }
            Integer code = codes.get(value);
            if (code != null) {
                return code;
            }
            if (values.size() >= 1 << bits) {
                return -1;
            }
            values.add(value);
            codes.put(value, values.size() - 1);
            return values.size() - 1;
        }

        Object value(int code) {
            return values.get(code);
        }
    }
}
