package org.pactum.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/postgres/init-app-role.sh, run as the PostgreSQL image runs it (psql as the owner),
 * against a real PostgreSQL: the role it creates logs in with exactly the password given, however
 * hostile the password's characters, and with no other.
 */
class AppRoleScriptTest {

    private static final Path SCRIPT = Path.of("deploy", "postgres", "init-app-role.sh");

    @Test
    void theApplicationRoleLogsInWithThePasswordGivenWhateverItsCharacters(@TempDir Path dir)
            throws Exception {
        // Quotes, a backslash, a semicolon and SQL: pasted into SQL unquoted, this would break out.
        String password = "it's \"a\" p\\ss; DROP ROLE postgres; --$x";
        try (EmbeddedPostgres pg =
                EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            int exit = runScript(pg.getPort(), password);
            assertThat(exit).as("the script succeeds").isZero();

            requirePasswords(pg, dir.resolve("pg"));
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            try (Connection c = DriverManager.getConnection(url, "pactum_app", password)) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "pactum_app", "it's").close())
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                    var rs =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM pg_roles WHERE rolname = 'postgres'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the payload inside the password never ran").isOne();
            }
        }
    }

    @Test
    void theScriptRefusesToCreateARoleWithoutAPassword(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg =
                EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            assertThat(runScript(pg.getPort(), null)).isNotZero();
            try (Connection c =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                                    "postgres",
                                    "");
                    var rs =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM pg_roles WHERE rolname = 'pactum_app'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    private static int runScript(int port, String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("PGHOST", "localhost");
        pb.environment().put("PGPORT", Integer.toString(port));
        pb.environment().put("POSTGRES_USER", "postgres");
        pb.environment().put("POSTGRES_DB", "postgres");
        pb.environment().remove("PACTUM_APP_PASSWORD");
        if (password != null) {
            pb.environment().put("PACTUM_APP_PASSWORD", password);
        }
        Process p = pb.start();
        p.getInputStream().transferTo(System.out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /**
     * Embedded PostgreSQL trusts every local login; make it check passwords, as a real server does.
     */
    private static void requirePasswords(EmbeddedPostgres pg, Path dataDir) throws Exception {
        Files.writeString(
                dataDir.resolve("pg_hba.conf"),
                String.join(
                        "\n",
                        "host all postgres 127.0.0.1/32 trust",
                        "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256",
                        ""),
                StandardCharsets.UTF_8);
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                                "postgres",
                                "");
                var st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(500);
    }
}
