package org.pactum.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A separate JVM for the lifecycle tests: starts the embedded database exactly as PactumMain does,
 * writes a row, prints the postmaster's pid and waits to be signalled.
 */
public final class EmbeddedDatabaseChild {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                var st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS survivor (id text PRIMARY KEY)");
            st.execute("INSERT INTO survivor VALUES ('" + args[1] + "') ON CONFLICT DO NOTHING");
        }
        long pid =
                EmbeddedDatabase.postmasterOf(Path.of(args[0]).resolve("postgres"))
                        .orElseThrow()
                        .pid();
        System.out.println("READY " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
