package org.pactum;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pactum.support.PactumTestResource;

/**
 * Runs the README's walk-through, block by block in one shell, against the running embedded default
 * (its demo partnership, its demo tokens), and checks each block's output against the output the
 * README shows ("…" stands for anything). If the documentation drifts from the code, the build
 * fails.
 */
@QuarkusTest
class ReadmeWalkthroughTest {

    private static final Pattern BLOCK =
            Pattern.compile(
                    "<!-- walkthrough -->\\s*(?:<!--[^>]*-->\\s*)*```bash\\n(.*?)```\\s*(?:<!--[^>]*-->\\s*)*(?:```text\\n(.*?)```)?",
                    Pattern.DOTALL);

    @TestHTTPResource("/")
    URL base;

    record Step(String commands, List<String> expected) {}

    static List<Step> steps() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<Step> steps = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            List<String> expected =
                    m.group(2) == null
                            ? List.of()
                            : Arrays.stream(m.group(2).split("\n"))
                                    .filter(l -> !l.isBlank())
                                    .toList();
            steps.add(new Step(m.group(1), expected));
        }
        return steps;
    }

    @Test
    void theWalkthroughWorksExactlyAsWritten() throws Exception {
        List<Step> steps = steps();
        assertThat(steps).as("walk-through blocks in README.md").hasSizeGreaterThanOrEqualTo(12);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "walkthrough");
        Files.createSymbolicLink(dir.resolve("pactum-data"), PactumTestResource.dataDirectory());
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            script.append("echo '@@@ step ")
                    .append(i)
                    .append(" @@@'\n")
                    .append(steps.get(i).commands())
                    .append('\n');
        }
        String local =
                script.toString().replace("localhost:8080", base.getHost() + ":" + base.getPort());
        Process p =
                new ProcessBuilder("bash", "-c", local)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();

        String[] parts = out.split("@@@ step \\d+ @@@\n", -1);
        assertThat(parts).as("every step ran; output:%n%s", out).hasSize(steps.size() + 1);
        for (int i = 0; i < steps.size(); i++) {
            List<String> actual = Arrays.asList(parts[i + 1].split("\r?\n"));
            int at = 0;
            for (String expected : steps.get(i).expected()) {
                Pattern line =
                        Pattern.compile(
                                Arrays.stream(expected.split("…", -1))
                                        .map(Pattern::quote)
                                        .collect(Collectors.joining(".*")));
                int found = -1;
                for (int j = at; j < actual.size(); j++) {
                    if (line.matcher(actual.get(j)).matches()) {
                        found = j;
                        break;
                    }
                }
                assertThat(found)
                        .as(
                                "step %d of the README shows%n  %s%nbut printed:%n%s",
                                i, expected, parts[i + 1])
                        .isGreaterThanOrEqualTo(0);
                at = found + 1;
            }
        }
    }
}
