package org.pactum.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Holds back the rows of a new submission that an active data subject request covers (UK GDPR Art
 * 17 erasure, Art 18 restriction): a refreshed extract must not bring them back. Implemented where
 * the requests live; called inside the push's transaction after its rows are copied, with the
 * period locked, so a request and a push for the same period never interleave.
 */
public interface HeldRows {

    /** What was held back: rows deleted (erased) and rows kept but restricted. */
    record Held(long erased, long restricted) {
        public static final Held NONE = new Held(0, 0);

        public long total() {
            return erased + restricted;
        }
    }

    Held holdBack(Connection c, String provider, String feed, String period, long submissionId)
            throws SQLException;
}
