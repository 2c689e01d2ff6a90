package org.pactum;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule of issue 12: no main class over 400 lines, no method over 60. A class is measured
 * as its source file (imports and comments included, as a reader meets it); a method or constructor
 * from its first line (annotations included, Javadoc not) to its closing brace.
 */
class SourceSizeTest {

    static final int MAX_CLASS_LINES = 400;

    static final int MAX_METHOD_LINES = 60;

    /** Packages already reshaped to the rule; it holds for them now and must keep holding. */
    static final List<String> RESHAPED =
            List.of(
                    "agreement",
                    "feed",
                    "security",
                    "platform",
                    "problem",
                    "console",
                    "subject",
                    "demo",
                    "pseudonym",
                    "http");

    @Test
    void noMainClassOrMethodIsOverLong() {
        assertThat(offenders(Path.of("src/main/java"))).isEmpty();
    }

    @Test
    void reshapedPackagesKeepTheRule() {
        List<String> found = new ArrayList<>();
        for (String pkg : RESHAPED) {
            found.addAll(offenders(Path.of("src/main/java/org/pactum", pkg)));
        }
        assertThat(found).isEmpty();
    }

    /** Issue 12: a type is imported, so a file's dependencies are all named at its top. */
    @Test
    void reshapedPackagesNameNoTypeInline() {
        List<String> found = new ArrayList<>();
        for (String pkg : RESHAPED) {
            found.addAll(inlineQualifiedNames(Path.of("src/main/java/org/pactum", pkg)));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void flagsAPlantedInlineQualifiedName() {
        assertThat(inlineQualifiedNames(Path.of("src/test/resources/sourcesize/planted")))
                .containsExactly("TooLong.java:9: java.util.TreeMap");
    }

    private static final Pattern QUALIFIED =
            Pattern.compile(
                    "(?<![\\w.])(?:java|javax|jakarta|org|io|com)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    static List<String> inlineQualifiedNames(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("import ")
                            || line.startsWith("package ")
                            || line.startsWith("*")
                            || line.startsWith("/")) {
                        continue;
                    }
                    Matcher m = QUALIFIED.matcher(line);
                    while (m.find()) {
                        out.add(root.relativize(f) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule can fail: a planted class with a 61-line method and 401 lines is named twice. */
    @Test
    void flagsThePlantedOverLongMethodAndClassButNotTheBoundary() {
        List<String> found = offenders(Path.of("src/test/resources/sourcesize/planted"));
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "TooLong.java: class is 401 lines (max 400)",
                        "TooLong.java: TooLong.sixtyOneLines() is 61 lines (max 60)");
    }

    static List<String> offenders(Path root) {
        StaticJavaParser.getParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        try (Stream<Path> files = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".java"))
                    .sorted()
                    .forEach(f -> out.addAll(offendersIn(root, f)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> offendersIn(Path root, Path file) {
        List<String> out = new ArrayList<>();
        String name = root.relativize(file).toString();
        try {
            int lines = Files.readAllLines(file).size();
            if (lines > MAX_CLASS_LINES) {
                out.add(name + ": class is " + lines + " lines (max " + MAX_CLASS_LINES + ")");
            }
            CompilationUnit unit = StaticJavaParser.parse(file);
            for (CallableDeclaration<?> m : unit.findAll(CallableDeclaration.class)) {
                int length = m.getEnd().get().line - m.getBegin().get().line + 1;
                if (length > MAX_METHOD_LINES) {
                    out.add(
                            name
                                    + ": "
                                    + owner(m)
                                    + "."
                                    + m.getNameAsString()
                                    + "() is "
                                    + length
                                    + " lines (max "
                                    + MAX_METHOD_LINES
                                    + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String owner(CallableDeclaration<?> m) {
        return m.findAncestor(TypeDeclaration.class)
                .map(t -> ((TypeDeclaration<?>) t).getNameAsString())
                .orElse("?");
    }
}
