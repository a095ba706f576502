package org.civic.itests.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.junit.Assume;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session (its own cookies: one user), driven through Debian's chromedriver.
 * Keeps every browser console error it sees; answers the platform gives on purpose (a validation
 * error, a refused login) show up as "Failed to load resource ... 400/401/403/409" and are not errors
 * of the page.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Pattern EXPECTED = Pattern.compile(".*Failed to load resource: the server responded with a status of (400|401|403|409).*");

    final ChromeDriver driver;
    final String base;
    private final WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();
    private final Path userData;

    Browser(String base, Dimension size) throws IOException {
        this.base = base;
        this.userData = Files.createTempDirectory("civic-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + userData, "--window-size=" + size.width + "," + size.height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(size);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Debian's chromium and chromium-driver, installed when missing (needs root and the package mirror). */
    static void ensureInstalled() {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return;
        }
        String why;
        try {
            run("apt-get", "update", "-q");
            run("apt-get", "install", "-y", "-q", "chromium", "chromium-driver", "fonts-wqy-microhei");
            why = "apt-get ran but " + CHROMIUM + " or " + CHROMEDRIVER + " is still missing";
        } catch (Exception e) {
            why = "apt-get install chromium chromium-driver failed: " + e.getMessage();
        }
        Assume.assumeTrue("Browser tests skipped: headless Chromium cannot be installed here (" + why + ")",
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/apt-chromium.log")).start();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed (see target/apt-chromium.log)");
        }
    }

    /** Opens a page of the console; the same address again reloads it (a hash alone would not). */
    void open(String hash) {
        String url = base + "/" + hash;
        boolean same = url.equals(driver.getCurrentUrl());
        driver.get(url);
        if (same) {
            driver.navigate().refresh();
        }
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void gone(String css) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    void textIs(String css, String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    void textContains(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    void login(String user, String password) {
        open("");
        type("#login-name", user);
        type("#login-password", password);
        click("#login-submit");
        find("#user-name");
    }

    /** Saves a screenshot as target/screenshots/{name}.png. */
    void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Browser console errors since the last call, other than the platform's deliberate 4xx answers. */
    List<String> consoleErrors() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !EXPECTED.matcher(e.getMessage()).matches()) {
                consoleErrors.add(e.getMessage());
            }
        }
        List<String> out = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return out;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(userData)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
