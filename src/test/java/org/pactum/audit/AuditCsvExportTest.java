package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

/**
 * The audit export as CSV (issue 17): the same entries as the NDJSON export, one row each, every
 * cell safe to open in a spreadsheet. The expected CSV is computed here from the NDJSON export by
 * this test's own rules, not by Pactum's CSV code.
 */
@QuarkusTest
class AuditCsvExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMULA = "=HYPERLINK(\"http://example.org\",\"open\")";
    // The header the contract documents for format=csv.
    private static final List<String> COLUMNS =
            List.of(
                    "seq,time,actorSubject,actorOrganisation,actorRoles,clientAddress,action,target,agreementId,purpose,outcome,reason,detail,concerning,requestId,prevHash,hash,redacted,leafHash"
                            .split(","));

    /** An entry whose actor's subject is a spreadsheet formula; returns its seq. */
    private static long plantFormulaEntry() {
        String token = Tokens.claims("wm-vrp", "admin").subject(FORMULA).sign(Tokens.demoKey());
        return given().auth()
                .oauth2(token)
                .get("/api/v1/audit/head")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("seq");
    }

    private static String export(String token, long from, long to, String format, String type) {
        return given().auth()
                .oauth2(token)
                .queryParam("fromSeq", from)
                .queryParam("toSeq", to)
                .queryParam("format", format)
                .get("/api/v1/audit/export")
                .then()
                .statusCode(200)
                .contentType(type)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"pactum-audit." + format + "\"")
                .extract()
                .asString();
    }

    @Test
    void theCsvHoldsTheNdjsonEntriesWithFormulasNeutralised() throws Exception {
        long seq = plantFormulaEntry();
        String ndjson = export(Tokens.admin(), seq, seq, "ndjson", "application/x-ndjson");
        String csv = export(Tokens.admin(), seq, seq, "csv", "text/csv");
        assertThat(csv).isEqualTo(expectedCsv(ndjson));
        // The subject cell is the formula behind an apostrophe, quoted (it holds quotes and a
        // comma).
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"open\"\")\",");
    }

    @Test
    void anIgLeadsCsvRedactsWhatTheNdjsonRedacts() throws Exception {
        long seq = plantFormulaEntry();
        String ig = Tokens.igLead("coventry-cc");
        String ndjson = export(ig, seq - 3, seq, "ndjson", "application/x-ndjson");
        String csv = export(ig, seq - 3, seq, "csv", "text/csv");
        assertThat(csv).isEqualTo(expectedCsv(ndjson));
        assertThat(csv).doesNotContain("HYPERLINK");
        assertThat(csv.lines().skip(1)).hasSize(4);
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheParameter() {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("format", "xlsx")
                .get("/api/v1/audit/export")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("format"));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .queryParam("format", "csv")
                .get("/api/v1/audit/export")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:forbidden"));
    }

    /** The test's own CSV: lists joined by ';', objects as JSON, formulas and quoting per OWASP. */
    private static String expectedCsv(String ndjson) throws Exception {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (String line : ndjson.lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            List<String> cells = new ArrayList<>();
            for (String column : COLUMNS) {
                cells.add(quote(text(entry.get(column))));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String text(JsonNode v) throws Exception {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                items.add(it.next().asText());
            }
            return String.join(";", items);
        }
        return v.isObject() ? JSON.writeValueAsString(v) : v.asText();
    }

    private static String quote(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        boolean quoted =
                v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quoted ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
