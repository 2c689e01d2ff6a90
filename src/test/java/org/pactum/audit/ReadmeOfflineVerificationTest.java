package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

/**
 * Runs the README's offline verification block, word for word, on a real export and a tampered one.
 */
@QuarkusTest
class ReadmeOfflineVerificationTest {

    @TestHTTPResource("/")
    URL base;

    private static String readmeBlock() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m =
                Pattern.compile(
                                "<!-- verify-audit:start -->\\s*```bash\\n(.*?)```\\s*<!-- verify-audit:end -->",
                                Pattern.DOTALL)
                        .matcher(readme);
        assertThat(m.find()).as("README has the verify-audit block").isTrue();
        return m.group(1);
    }

    private String run(Path dir, String script) throws Exception {
        String local = script.replace("localhost:8080", base.getHost() + ":" + base.getPort());
        Process p =
                new ProcessBuilder("bash", "-c", local)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String withToken(String script) {
        return "IG='" + Tokens.igLead("dudley-mbc") + "'\n" + script;
    }

    @Test
    void theReadmeVerifiesARealExport() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "readme-audit");
        String out = run(dir, withToken(readmeBlock()));
        assertThat(out).containsPattern("chain OK: [1-9][0-9]* entries checked, head [0-9a-f]{64}");
        assertThat(Files.readAllLines(dir.resolve("audit.ndjson"))).isNotEmpty();
    }

    @Test
    void theReadmeCatchesATamperedExport() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "readme-audit-tampered");
        String script = readmeBlock();
        run(dir, withToken(script));
        List<String> lines = Files.readAllLines(dir.resolve("audit.ndjson"));
        int victim = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"action\":\"audit.export\"")) {
                victim = i;
            }
        }
        assertThat(victim)
                .as("the export contains its own audit.export entry")
                .isGreaterThanOrEqualTo(0);
        lines.set(
                victim,
                lines.get(victim).replace("\"outcome\":\"ALLOWED\"", "\"outcome\":\"DENIED\""));
        Files.write(dir.resolve("audit.ndjson"), lines);
        String offline =
                script.lines().filter(l -> !l.startsWith("curl")).collect(Collectors.joining("\n"));
        String out = run(dir, offline);
        assertThat(out).contains("chain BROKEN at seq").contains("(content)");
    }
}
