package org.pactum.ingest;

import java.util.ArrayList;
import java.util.List;

/** Collects row errors: the first N in full, and counts of all of them. */
final class RowErrors {

    private final int keep;
    private final List<RowError> first = new ArrayList<>();
    private long errors;
    private long invalidRows;

    RowErrors(int keep) {
        this.keep = keep;
    }

    void add(long line, String field, String reason) {
        errors++;
        if (first.size() < keep) {
            first.add(new RowError(line, field, reason));
        }
    }

    void rowRejected() {
        invalidRows++;
    }

    List<RowError> first() {
        return first;
    }

    long errors() {
        return errors;
    }

    long invalidRows() {
        return invalidRows;
    }
}
