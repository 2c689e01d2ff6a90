package org.pactum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pactum.support.PactumProcess;

/** HTTP calls the benchmarks make against a running Pactum, with the demo tokens. */
final class BenchClient {

    /**
     * The benchmarks measure throughput from one address and one token, far beyond any one real
     * client: the per-address and per-client rate limits are lifted for them (the in-flight bounds
     * stay).
     */
    static final java.util.Map<String, String> UNTHROTTLED =
            java.util.Map.of(
                    "PACTUM_HTTP_REQUESTS_PER_SECOND", "1000000",
                    "PACTUM_HTTP_REQUEST_BURST", "1000000",
                    "PACTUM_HTTP_CALLER_REQUESTS_PER_SECOND", "1000000",
                    "PACTUM_HTTP_CALLER_REQUEST_BURST", "1000000");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PactumProcess app;

    BenchClient(PactumProcess app) {
        this.app = app;
    }

    JsonNode call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", "Bearer " + token);
        b =
                body == null
                        ? b.method(method, HttpRequest.BodyPublishers.noBody())
                        : b.header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A response as it came: status, Retry-After (seconds, 0 if none) and body. */
    record Answer(int status, long retryAfter, String body) {}

    /** Sends a JSON request and returns the answer whatever its status. */
    Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        long retry = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
        return new Answer(r.statusCode(), retry, r.body());
    }

    /**
     * Drafts, proposes and approves an agreement between the given providers and recipients;
     * returns its id.
     */
    String activeAgreement(
            String level,
            String providersJson,
            String recipientsJson,
            String fieldRulesJson,
            String crossableJson,
            String... parties)
            throws Exception {
        LocalDate today = LocalDate.now();
        String content =
                "{\"title\":\"Benchmark agreement\",\"purpose\":\"Strategic needs assessment\",\"legalBases\":[\"UK GDPR Art 6(1)(e)\"],"
                        + "\"providers\":"
                        + providersJson
                        + ",\"recipients\":"
                        + recipientsJson
                        + ",\"validFrom\":\""
                        + today.minusYears(3)
                        + "\",\"validTo\":\""
                        + today.plusYears(1)
                        + "\",\"reviewDate\":\""
                        + today.plusMonths(6)
                        + "\",\"retentionMonths\":60,"
                        + "\"releaseLevel\":\""
                        + level
                        + "\",\"fieldRules\":"
                        + fieldRulesJson
                        + ",\"disclosure\":{\"minimumCellCount\":8,"
                        + "\"roundingBase\":5,\"crossableDimensions\":"
                        + crossableJson
                        + "},\"contacts\":{\"subjectAccessRequests\":\"dpo@example.org\","
                        + "\"breaches\":\"ig@example.org\"}}";
        String admin = app.token("admin");
        String id = call("POST", "/api/v1/agreements", admin, content).get("id").asText();
        JsonNode proposed = call("POST", "/api/v1/agreements/" + id + "/propose", admin, null);
        String approval =
                "{\"version\":1,\"contentHash\":\"" + proposed.get("contentHash").asText() + "\"}";
        for (String party : parties) {
            call(
                    "POST",
                    "/api/v1/agreements/" + id + "/approvals",
                    app.token(party + "-ig-lead"),
                    approval);
        }
        return id;
    }

    /** Streams a body to the push endpoint; returns the submission. */
    JsonNode push(
            String feed, String period, String token, long length, Consumer<OutputStream> writeBody)
            throws IOException {
        HttpURLConnection c =
                (HttpURLConnection)
                        URI.create(
                                        app.url(
                                                "/api/v1/feeds/"
                                                        + feed
                                                        + "/submissions?period="
                                                        + period))
                                .toURL()
                                .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Content-Type", "text/csv");
        // As the README's provider does: a retry after a network failure must not store twice.
        c.setRequestProperty("Idempotency-Key", feed + "-" + period + "-" + System.nanoTime());
        if (length >= 0) {
            c.setFixedLengthStreamingMode(length);
        } else {
            c.setChunkedStreamingMode(1 << 16);
        }
        c.setReadTimeout(30 * 60 * 1000);
        try (OutputStream out = c.getOutputStream()) {
            writeBody.accept(out);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String body = new String(in.readAllBytes());
            if (status != 201) {
                throw new IllegalStateException("push -> " + status + " " + body);
            }
            return JSON.readTree(body);
        }
    }

    /** The process's heap in use now, from /q/metrics. */
    long heapUsed() {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(app.managementUrl("/q/metrics")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            long sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Samples heap use every 200 ms while running; returns the peak. */
    static final class HeapWatch implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapWatch(BenchClient client) {
            thread =
                    new Thread(
                            () -> {
                                while (running) {
                                    peak.accumulateAndGet(client.heapUsed(), Math::max);
                                    try {
                                        Thread.sleep(200);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            });
            thread.setDaemon(true);
            thread.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
