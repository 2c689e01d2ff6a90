package org.pactum.ingest;

import java.io.IOException;

/** A stream of rows, read one at a time in constant memory. */
interface RowSource {

    /** Column names, in the order {@link #values()} uses. */
    String[] header();

    /** Advances to the next row; false at the end. */
    boolean next() throws IOException;

    /** The current row's values aligned with the header; null for an empty or absent value. */
    String[] values();

    /** The current row's line in the body (1-based; the CSV header is line 1). */
    long line();

    /** Problems with the current row's shape (wrong field count, unknown keys), or null. */
    String shapeProblem();
}
