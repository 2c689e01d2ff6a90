package org.pactum.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in deploy/observability parse, and every
 * Pactum metric they query is one that a running Pactum exports.
 */
@QuarkusTest
class PactumObservabilityTest {

    private static final Pattern METRIC = Pattern.compile("\\b(pactum_[a-z0-9_]+)");
    private static final Path DIR = Path.of("deploy", "observability");

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard =
                new ObjectMapper().readTree(DIR.resolve("pactum-dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        }
        return exprs;
    }

    private static List<String> alertExpressions() throws Exception {
        JsonNode rules =
                new ObjectMapper(new YAMLFactory())
                        .readTree(DIR.resolve("pactum-alerts.yaml").toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText())
                        .isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                exprs.add(rule.path("expr").asText());
            }
        }
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(4);
        return exprs;
    }

    /** Prometheus families exported now: "name" from "# TYPE name kind". */
    private Set<String> exported() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> families = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            }
        }
        return families;
    }

    /** A query names a series; histograms and counters export it under its family's name. */
    private static boolean isExported(String series, Set<String> families) {
        for (String suffix : List.of("", "_bucket", "_count", "_sum", "_total", "_max")) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                if (families.contains(base) || families.contains(series)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() throws Exception {
        Set<String> used = metricsIn(dashboardExpressions());
        used.addAll(metricsIn(alertExpressions()));
        assertThat(used)
                .contains("pactum_ingest_rows_total", "pactum_release_duration_seconds_bucket");
        Set<String> families = exported();
        assertThat(used)
                .allSatisfy(
                        m ->
                                assertThat(isExported(m, families))
                                        .as("%s is exported (families: %s)", m, families)
                                        .isTrue());
    }

    @Test
    void theCheckFailsForAMetricPactumDoesNotExport() {
        // Control: a misspelt metric is caught, so the check above can fail.
        assertThat(isExported("pactum_ingest_rowz_total", exported())).isFalse();
    }
}
