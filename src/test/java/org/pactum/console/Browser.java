package org.pactum.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's real Chromium, headless, driven through Debian's chromedriver (no browser download),
 * with a fresh profile and download folder per test class. Every page can be checked with axe-core
 * and photographed for the README.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;

    /** Every page checked, with the serious or critical axe violations found there. */
    final List<String> checked = new ArrayList<>();

    Browser(URL base) {
        try {
            Path root = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
            this.profile = Files.createTempDirectory(root, "profile");
            this.downloads = Files.createTempDirectory(root, "downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = base.toString().replaceAll("/$", "");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement await(String css) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        } catch (TimeoutException e) {
            String shown;
            try {
                shown = driver.findElement(By.tagName("body")).getText();
            } catch (RuntimeException notAPage) {
                shown = driver.getPageSource();
            }
            throw new AssertionError(
                    "No " + css + " on " + driver.getCurrentUrl() + ", which shows:\n" + shown, e);
        }
    }

    /** Ticks a GOV.UK checkbox or radio the way a person does: by its label. */
    void tick(String inputId) {
        find("label[for='" + inputId + "']").click();
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length()).replaceAll("\\?.*$", "");
    }

    /** Runs axe-core on the page and fails on any serious or critical violation. */
    void checkAccessibility() {
        Results results = new AxeBuilder().analyze(driver);
        List<String> bad =
                results.getViolations().stream()
                        .filter(
                                r ->
                                        "serious".equals(r.getImpact())
                                                || "critical".equals(r.getImpact()))
                        .map(Browser::describe)
                        .toList();
        checked.add(path());
        assertThat(bad).as("serious or critical accessibility violations on " + path()).isEmpty();
        assertThat(results.getPasses()).as("axe ran its rules on " + path()).isNotEmpty();
    }

    private static String describe(Rule r) {
        return r.getImpact()
                + " "
                + r.getId()
                + ": "
                + r.getHelp()
                + " at "
                + r.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList();
    }

    /** A full-width screenshot of the page, for the README. */
    void screenshot(String name) {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(1280, (int) Math.min(1800, Math.max(800, height))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** Waits for a download to finish in the download folder and returns it. */
    Path awaitDownload(String suffix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                var done =
                        files.filter(p -> p.toString().endsWith(suffix))
                                .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
                if (done.isPresent()) {
                    return done.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No " + suffix + " file was downloaded");
    }

    /** Signs in through the demo sign-in page, as a person would. */
    void signInAsDemo(String identity) {
        open("/console/sign-in");
        find("#demo-sign-in-link").click();
        await("#demo-identities");
        find("#as-" + identity).click();
        // Wait for the redirect itself: a browser still signed in from an earlier journey shows
        // #signed-in-as on the sign-in page too.
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> !d.getCurrentUrl().contains("/console/sign-in"));
        await("#signed-in-as");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
