package org.nrm.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (never a downloaded one), with axe-core injected
 * into pages to check them for accessibility, and a screenshot of the last page of each test under
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("nrm.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("nrm.chromedriver", "/usr/bin/chromedriver");
    private static final Path AXE_DIR = Path.of("src/test/js");
    private static final Path AXE = AXE_DIR.resolve("node_modules/axe-core/axe.min.js");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(int port) {
        try {
            this.profile = Files.createTempDirectory("nrm-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + profile);
        // the console, to say in a failure what the page's scripts reported
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // axe-core on a long page of a busy machine takes longer than the default 30 s
        this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        this.base = "http://localhost:" + port;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void signIn(String user) {
        open("/login");
        field("username").sendKeys(user);
        field("password").sendKeys("demo");
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        // the click submits the form; the next page may not have loaded yet on a busy machine: wait for its header
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !driver.findElements(By.cssSelector(".who-user")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".who-user")).getText()).isEqualTo(user);
    }

    public void signOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> driver.getCurrentUrl().contains("/login"));
    }

    public WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Clicks; when the click leaves the page (a link, a submit button), waits until the next page has loaded. */
    public void click(String css) {
        click(find(css));
    }

    public void clickLink(String text) {
        click(driver.findElement(By.linkText(text)));
    }

    /**
     * Clicks {@code element}. A link or a submit button loads the next page, which a busy machine may not have
     * loaded when click() returns: wait until the old document is gone and the new one is complete, so the next
     * lookup reads the next page, not the last one.
     */
    public void click(WebElement element) {
        String tag = element.getTagName();
        String type = element.getAttribute("type");
        boolean leaves = "a".equals(tag) || ("button".equals(tag) && !"button".equals(type))
                || ("input".equals(tag) && "submit".equals(type));
        if (!leaves) {
            element.click();
            return;
        }
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        // gone when the driver no longer finds it in the document: Chromium's driver sometimes answers that with an
        // inspector error instead of a stale-element error
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                page.getTagName();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Reloads the page until {@code condition} holds (read models and queue figures follow the events). */
    public void reloadUntil(Supplier<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            driver.navigate().refresh();
            return condition.get();
        });
    }

    /** Runs axe-core on the current page: no serious or critical violation of WCAG 2.1 A/AA. */
    @SuppressWarnings("unchecked")
    public void assertAccessible() {
        String script;
        try {
            script = Files.readString(axe());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JavascriptExecutor js = driver;
        js.executeScript(script);
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<String>) result).as("axe-core on " + driver.getCurrentUrl()).isEmpty();
    }

    /** As a phone would show it. */
    public void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    public void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Saves the whole page as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) {
        try {
            Object height = driver.executeScript("return document.documentElement.scrollHeight");
            Dimension size = driver.manage().window().getSize();
            int full = Math.min(6000, ((Number) height).intValue() + 140);
            driver.manage().window().setSize(new Dimension(size.getWidth(), Math.max(size.getHeight(), full)));
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** axe-core from the npm lock beside the tests, installed with {@code npm ci} when missing. */
    private static synchronized Path axe() throws IOException {
        if (!Files.exists(AXE)) {
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(AXE_DIR.toFile())
                        .inheritIO().start();
                if (npm.waitFor() != 0) {
                    throw new IllegalStateException("npm ci failed in " + AXE_DIR.toAbsolutePath());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return AXE;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile
        }
    }

    /** What the page's scripts wrote to the console (and the browser's own errors, such as a refused load) so far. */
    public List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** For a quick look at what the page holds, in assertion messages. */
    public Map<String, String> page() {
        return Map.of("url", driver.getCurrentUrl(), "title", driver.getTitle());
    }

    public String source() {
        return driver.getPageSource();
    }

    TakesScreenshot camera() {
        return driver;
    }
}
