package org.selectorate.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (never a downloaded browser): a fresh profile
 * each time, screenshots under {@code e2e/target/screenshots/}, and axe-core run in the page for WCAG 2.2 AA.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path AXE = Path.of(System.getProperty("selectorate.root", ".."), "web", "node_modules",
            "axe-core", "axe.min.js");

    private final ChromeDriver driver;

    Browser() {
        try {
            Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(System.getProperty("selectorate.chromium", "/usr/bin/chromium"))
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                            "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("selectorate.chromedriver",
                            "/usr/bin/chromedriver")).toFile())
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element is shown (the pages reveal each step by dropping `hidden`). */
    WebElement shown(String id, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement input = find(id);
        input.clear();
        input.sendKeys(text);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void width(int pixels) {
        driver.manage().window().setSize(new Dimension(pixels, 1000));
    }

    /** Wider than the window: the page needs sideways scrolling at this width. */
    boolean overflowsSideways() {
        // Charts re-measure themselves after a resize (a ResizeObserver, on the next frames), later on a loaded
        // machine: judge the settled layout, measured after two frames, for up to 3 s.
        long until = System.nanoTime() + 3_000_000_000L;
        while (true) {
            boolean over = (Boolean) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    requestAnimationFrame(() => requestAnimationFrame(() =>
                        done(document.documentElement.scrollWidth > window.innerWidth)));
                    """);
            if (!over || System.nanoTime() > until) {
                return over;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return over;
            }
        }
    }

    /** The whole page, not only the window: Chromium's own capture beyond the viewport (DevTools protocol). */
    @SuppressWarnings("unchecked")
    void screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) size.get("width")).doubleValue(), "height", ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * axe-core's serious and critical findings for WCAG 2.0–2.2 A and AA on the page as it is now, one line each
     * (rule, impact, the first offending element).
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() {
        try {
            // Through the driver, not a <script>: the page's CSP allows no script but its own.
            script(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is built into web/node_modules by the web module", e);
        }
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                      target: v.nodes.length ? String(v.nodes[0].target) : ''}))))
                  .catch(e => done([{id: 'axe-error', impact: 'critical', target: String(e)}]));
                """);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) answer) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                problems.add(v.get("id") + " (" + v.get("impact") + ") at " + v.get("target"));
            }
        }
        return problems;
    }

    /** A screenshot of the step, then its accessibility and its reading at 320 px, back at full width after. */
    void step(String name) {
        screenshot(name);
        List<String> problems = accessibilityProblems();
        assertTrue(problems.isEmpty(), name + ": " + problems);
        width(320);
        assertFalse(overflowsSideways(), name + " scrolls sideways at 320 px");
        screenshot(name + "-320");
        width(1280);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
