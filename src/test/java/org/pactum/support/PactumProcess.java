package org.pactum.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Pactum (target/quarkus-app) run as a separate process on its embedded default, as a
 * newcomer runs it: for benchmarks and multi-instance tests that must not share the test JVM.
 */
public final class PactumProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private int managementPort;
    private final Path dataDir;
    private final Path log;

    private PactumProcess(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    public static PactumProcess start(Path dataDir, String maxHeap, Map<String, String> env)
            throws Exception {
        return startWhenReadyAt(dataDir, maxHeap, env, null);
    }

    /**
     * Starts, waiting for readiness at {@code readyBase} (e.g. an HTTPS port) instead of the HTTP
     * port.
     */
    public static PactumProcess startWhenReadyAt(
            Path dataDir, String maxHeap, Map<String, String> env, String readyBase)
            throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "Build first: target/quarkus-app/quarkus-run.jar is missing");
        }
        Files.createDirectories(dataDir);
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx" + maxHeap,
                                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                                "-jar",
                                jar.toString()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PACTUM_DATA_DIR", dataDir.toAbsolutePath().toString());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Metrics listen on the management interface: a port of its own per process.
        int managementPort = freePort();
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        pb.environment().putAll(env);
        PactumProcess p = new PactumProcess(pb.start(), port, dataDir.toAbsolutePath(), log);
        p.managementPort = managementPort;
        p.awaitReady(readyBase == null ? p.url("") : readyBase);
        return p;
    }

    /**
     * The environment with a JFR recording added when {@code -Dbench.jfr=FILE} is set: the
     * benchmarks' way to profile the packaged jar under their load.
     */
    public static Map<String, String> profiled(Map<String, String> env) {
        String jfr = System.getProperty("bench.jfr");
        if (jfr == null) {
            return env;
        }
        Map<String, String> with = new HashMap<>(env);
        with.put(
                "JAVA_TOOL_OPTIONS",
                "-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename="
                        + jfr
                        + ",settings=profile");
        return with;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public int port() {
        return port;
    }

    /** The management interface (metrics), e.g. {@code managementUrl("/q/metrics")}. */
    public String managementUrl(String path) {
        return "http://localhost:" + managementPort + path;
    }

    public Path log() {
        return log;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** A demo identity's token, from the data directory's demo-tokens.json. */
    public String token(String identity) throws IOException {
        JsonNode tokens = JSON.readTree(dataDir.resolve("demo-tokens.json").toFile());
        return tokens.get(identity).asText();
    }

    /** The embedded PostgreSQL's port, from its postmaster.pid (line 4). */
    public int databasePort() throws IOException {
        return Integer.parseInt(
                Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                        .get(3)
                        .trim());
    }

    public String jdbcUrl() throws IOException {
        return "jdbc:postgresql://localhost:" + databasePort() + "/postgres";
    }

    private void awaitReady(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Pactum exited during start-up; see " + log);
            }
            try {
                HttpURLConnection c =
                        (HttpURLConnection)
                                URI.create(base + "/q/health/ready").toURL().openConnection();
                if (c instanceof javax.net.ssl.HttpsURLConnection tls) {
                    tls.setSSLSocketFactory(trustAll().getSocketFactory());
                    tls.setHostnameVerifier((h, s) -> true);
                }
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Pactum was not ready within 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: embedded PostgreSQL stops with it
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Trusts any certificate: only for the tests' own self-signed localhost certificates. */
    public static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(
                null,
                new javax.net.ssl.TrustManager[] {
                    new javax.net.ssl.X509TrustManager() {
                        @Override
                        public void checkClientTrusted(
                                java.security.cert.X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(
                                java.security.cert.X509Certificate[] chain, String authType) {}

                        @Override
                        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                            return new java.security.cert.X509Certificate[0];
                        }
                    }
                },
                new java.security.SecureRandom());
        return ctx;
    }
}
