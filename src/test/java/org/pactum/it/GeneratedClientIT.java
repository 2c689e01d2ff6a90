package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pactum.audit.OfflineVerifier;
import org.pactum.client.ApiClient;
import org.pactum.client.ApiException;
import org.pactum.client.ApiResponse;
import org.pactum.client.api.AgreementsApi;
import org.pactum.client.api.AuditApi;
import org.pactum.client.api.FeedsApi;
import org.pactum.client.api.ReleaseApi;
import org.pactum.client.api.SubmissionsApi;
import org.pactum.client.model.AggregateCell;
import org.pactum.client.model.AggregateRequest;
import org.pactum.client.model.AggregateTable;
import org.pactum.client.model.Agreement;
import org.pactum.client.model.AgreementStatus;
import org.pactum.client.model.ApprovalRequest;
import org.pactum.client.model.AuditVerification;
import org.pactum.client.model.Feed;
import org.pactum.client.model.Problem;
import org.pactum.client.model.RowError;
import org.pactum.client.model.Submission;
import org.pactum.demo.SyntheticData;
import org.pactum.support.PactumProcess;
import org.pactum.support.PerturbedValues;

/**
 * A partner's session with the Java client generated from openapi/openapi.yaml (openapi-generator
 * 7.25.0, {@code java}, {@code native}; see pom.xml), used exactly as generated, against the
 * packaged jar: list feeds, push CSV and NDJSON, read a validation problem's line numbers, pull an
 * aggregate and a record extract, approve an agreement, export the audit trail and verify it
 * offline. The client itself is the assertion that the contract is usable; the values are checked
 * against the database and the shipped ptable, not against Pactum's own code.
 */
class GeneratedClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICE = "police-recorded-violence";
    private static final int ROWS = 400;
    // Recent enough for the demo agreements' retention; each push replaces the demo's month.
    private static final YearMonth CSV_MONTH = YearMonth.now().minusMonths(2);
    private static final YearMonth NDJSON_MONTH = YearMonth.now().minusMonths(3);

    private static PactumProcess app;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "it-generated-client").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        app = PactumProcess.start(dir.resolve("data"), "512m", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** A generated client for one demo identity; the bearer token goes on every request. */
    private static ApiClient as(String identity) throws Exception {
        String token = app.token(identity);
        ApiClient client = new ApiClient();
        client.updateBaseUri(app.url(""));
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aPartnerSessionWorksWithTheGeneratedClient() throws Exception {
        List<Feed> feeds = new FeedsApi(as("wm-police-submitter")).listFeeds();
        assertThat(feeds).extracting(Feed::getCode).contains(POLICE);
        Feed police = feeds.stream().filter(f -> f.getCode().equals(POLICE)).findFirst().get();
        assertThat(police.getFields()).isNotEmpty();

        SubmissionsApi submissions = new SubmissionsApi(as("wm-police-submitter"));
        String csv = policeCsv(CSV_MONTH);
        Submission pushedCsv =
                submissions.pushCsvExtract(
                        SubmissionsApi.APIPushCsvExtractRequest.newBuilder()
                                .feed(POLICE)
                                .period(CSV_MONTH.toString())
                                .body(csv)
                                .build());
        assertThat(pushedCsv.getRowsStored()).isEqualTo(ROWS);
        assertThat(storedRows(CSV_MONTH)).isEqualTo(ROWS);

        String ndjson = asNdjson(policeCsv(NDJSON_MONTH));
        Submission pushedNdjson =
                submissions.pushNdjsonExtract(
                        SubmissionsApi.APIPushNdjsonExtractRequest.newBuilder()
                                .feed(POLICE)
                                .period(NDJSON_MONTH.toString())
                                .body(ndjson)
                                .build());
        assertThat(pushedNdjson.getRowsStored()).isEqualTo(ROWS);
        assertThat(storedRows(NDJSON_MONTH)).isEqualTo(ROWS);

        aValidationProblemNamesItsLines(submissions, csv);
        anAggregateMatchesTheStoredRows();
        aRecordExtractArrivesAsAFile();
        anIgLeadApprovesTheProposedAgreement();
        theAuditExportVerifiesOffline();
    }

    /** Lines 3 and 5 break the schema: the 422 problem's errors name those lines, typed. */
    private void aValidationProblemNamesItsLines(SubmissionsApi submissions, String csv)
            throws Exception {
        List<String> lines = csv.lines().limit(6).toList();
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            // File lines 3 and 5 (the header is line 1): a knife flag that is no boolean.
            bad.append(i == 2 || i == 4 ? withKnifeFlag(lines.get(i), "maybe") : lines.get(i))
                    .append('\n');
        }
        ApiException refused =
                (ApiException)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () ->
                                        submissions.pushCsvExtract(
                                                SubmissionsApi.APIPushCsvExtractRequest.newBuilder()
                                                        .feed(POLICE)
                                                        .period(CSV_MONTH.toString())
                                                        .body(bad.toString())
                                                        .build()));
        assertThat(refused).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem =
                new ApiClient()
                        .getObjectMapper()
                        .readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).hasToString("urn:pactum:problem:invalid-rows");
        assertThat(problem.getErrors()).extracting(RowError::getLine).containsOnly(3L, 5L);
        assertThat(problem.getErrors()).extracting(RowError::getField).containsOnly("knife_flag");
        // Refused all-or-nothing: the month still holds the accepted push.
        assertThat(storedRows(CSV_MONTH)).isEqualTo(ROWS);
    }

    /** Each cell is the perturbed, rounded true count from feed_row (the shipped ptable, t8, 5). */
    private void anAggregateMatchesTheStoredRows() throws Exception {
        String sna = agreementWithTitle("dudley-mbc-analyst", "strategic needs assessment");
        AggregateTable table =
                new ReleaseApi(as("dudley-mbc-analyst"))
                        .releaseAggregate(
                                sna,
                                new AggregateRequest()
                                        .feed(POLICE)
                                        .dimensions(List.of("offenceGroup"))
                                        .from(CSV_MONTH.toString())
                                        .to(CSV_MONTH.toString()));
        assertThat(table.getCells()).isNotEmpty();
        Map<String, PerturbedValues.Truth> truths = offenceGroupTruths(CSV_MONTH);
        for (AggregateCell cell : table.getCells()) {
            String group = cell.getKey().get("offenceGroup");
            Long expected =
                    PerturbedValues.expected(
                            truths.getOrDefault(group, PerturbedValues.Truth.ZERO));
            assertThat(cell.getCount() == null ? null : cell.getCount().longValue())
                    .as(group)
                    .isEqualTo(expected);
        }
    }

    /** Typed as binary, the NDJSON stream is saved to the file Content-Disposition names. */
    private void aRecordExtractArrivesAsAFile() throws Exception {
        String cohort = agreementWithTitle("birmingham-yjs-analyst", "cohort");
        ApiResponse<File> records =
                new ReleaseApi(as("birmingham-yjs-analyst"))
                        .releaseRecordsWithHttpInfo(
                                ReleaseApi.APIReleaseRecordsRequest.newBuilder()
                                        .id(cohort)
                                        .feed(POLICE)
                                        .build());
        assertThat(records.getStatusCode()).isEqualTo(200);
        File file = records.getData();
        assertThat(file.getName()).isEqualTo("records-" + POLICE + ".ndjson");
        List<String> lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        long announced = Long.parseLong(records.getHeaders().get("x-record-count").get(0));
        assertThat(announced).isPositive();
        assertThat(lines).hasSize((int) announced);
        for (String line : lines) {
            assertThat(JSON.readTree(line).isObject()).isTrue();
        }
    }

    /** The demo's probation extension awaits Dudley's IG lead; the approval makes it ACTIVE. */
    private void anIgLeadApprovesTheProposedAgreement() throws Exception {
        AgreementsApi agreements = new AgreementsApi(as("dudley-mbc-ig-lead"));
        Agreement proposed =
                agreements.listAgreements(AgreementStatus.PROPOSED, null).stream()
                        .filter(a -> a.getAwaitingApproval().contains("dudley-mbc"))
                        .findFirst()
                        .orElseThrow();
        // A stale content hash is refused with the contract's 409 problem.
        assertThatThrownBy(
                        () ->
                                agreements.approveAgreement(
                                        proposed.getId(),
                                        new ApprovalRequest()
                                                .version(proposed.getVersion())
                                                .contentHash("0".repeat(64))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        Agreement approved =
                agreements.approveAgreement(
                        proposed.getId(),
                        new ApprovalRequest()
                                .version(proposed.getVersion())
                                .contentHash(proposed.getContentHash()));
        assertThat(approved.getStatus()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(approved.getApprovedBy()).contains("dudley-mbc");
    }

    /**
     * The NDJSON export, its checkpoint and the log's key, fetched with the generated client, pass
     * the packaged offline verifier; the CSV export carries the same entries.
     */
    private void theAuditExportVerifiesOffline() throws Exception {
        AuditApi audit = new AuditApi(as("admin"));
        AuditVerification online = audit.verifyAudit(null, null);
        assertThat(online.getValid()).isTrue();
        String checkpoint = audit.auditCheckpoint(null);
        long size = Long.parseLong(checkpoint.lines().skip(1).findFirst().orElseThrow());
        File export = audit.exportAudit(1L, size, null);
        assertThat(export.getName()).isEqualTo("pactum-audit.ndjson");
        File key = audit.auditKey();
        Path dir = Files.createTempDirectory(Path.of("target"), "generated-client-audit");
        Path cp = Files.writeString(dir.resolve("checkpoint.txt"), checkpoint);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int status =
                OfflineVerifier.run(
                        new String[] {
                            "verify-audit",
                            export.getAbsolutePath(),
                            "--checkpoint",
                            cp.toString(),
                            "--key",
                            key.getAbsolutePath()
                        },
                        new PrintStream(report, true, StandardCharsets.UTF_8));
        assertThat(status).as(report.toString(StandardCharsets.UTF_8)).isZero();
        List<String> ndjson = Files.readAllLines(export.toPath(), StandardCharsets.UTF_8);
        assertThat(ndjson).hasSize((int) size);

        File csv = audit.exportAudit(1L, size, "csv");
        assertThat(csv.getName()).isEqualTo("pactum-audit.csv");
        List<String> rows = Files.readAllLines(csv.toPath(), StandardCharsets.UTF_8);
        assertThat(rows.get(0)).startsWith("seq,time,");
        // One CSV row per NDJSON entry, in order, each carrying that entry's seq and hash.
        assertThat(rows).hasSize(ndjson.size() + 1);
        for (int i = 0; i < ndjson.size(); i++) {
            JsonNode entry = JSON.readTree(ndjson.get(i));
            assertThat(rows.get(i + 1))
                    .startsWith(entry.get("seq").asText() + ",")
                    .contains(entry.get("hash").asText());
        }
    }

    private static String withKnifeFlag(String csvLine, String value) {
        String[] cells = csvLine.split(",", -1);
        cells[5] = value;
        return String.join(",", cells);
    }

    private static String agreementWithTitle(String identity, String titlePart) throws Exception {
        return new AgreementsApi(as(identity))
                .listAgreements(AgreementStatus.ACTIVE, null).stream()
                        .filter(a -> a.getContent().getTitle().contains(titlePart))
                        .map(Agreement::getId)
                        .findFirst()
                        .orElseThrow();
    }

    private static String policeCsv(YearMonth month) {
        StringWriter out = new StringWriter();
        new SyntheticData(month.hashCode(), month, 1).police(ROWS, month, out);
        return out.toString();
    }

    /** The same rows as NDJSON: flags as booleans, the age as a number, empty cells left out. */
    private static String asNdjson(String csv) throws Exception {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            ObjectNode row = JSON.createObjectNode();
            for (int i = 0; i < header.length; i++) {
                if (cells[i].isEmpty()) {
                    continue;
                }
                if (header[i].endsWith("_flag")) {
                    row.put(header[i], Boolean.parseBoolean(cells[i]));
                } else if (header[i].equals("victim_age")) {
                    row.put(header[i], Integer.parseInt(cells[i]));
                } else {
                    row.put(header[i], cells[i]);
                }
            }
            out.append(JSON.writeValueAsString(row)).append('\n');
        }
        return out.toString();
    }

    private static long storedRows(YearMonth month) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM feed_row WHERE feed = ? AND provider ="
                                        + " 'wm-police' AND event_month = to_date(?, 'YYYY-MM')")) {
            ps.setString(1, POLICE);
            ps.setString(2, month.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, PerturbedValues.Truth> offenceGroupTruths(YearMonth month)
            throws Exception {
        Map<String, PerturbedValues.Truth> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT attrs->>'offence_group', count(*), sum(record_hash) FROM"
                                        + " feed_row WHERE feed = ? AND provider = 'wm-police' AND"
                                        + " NOT restricted AND event_month = to_date(?,"
                                        + " 'YYYY-MM') GROUP BY 1")) {
            ps.setString(1, POLICE);
            ps.setString(2, month.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new PerturbedValues.Truth(
                                    rs.getLong(2), rs.getBigDecimal(3).toBigInteger().longValue()));
                }
            }
        }
        return out;
    }
}
