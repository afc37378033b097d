package io.tributary.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh empty profile, no network beyond the
 * page's own, screenshots saved under {@code target/console-screenshots/} and the load time of each page opened.
 * Not thread-safe; one test owns it.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Map<String, Long> loadTimesMs = new LinkedHashMap<>();
    private int shot;

    ConsoleBrowser(Path profileDir, Path screenshots) throws IOException {
        this.screenshots = screenshots;
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Opens a console page by URL and records how long the browser took to load it. */
    void open(String name, String url) {
        driver.get(url);
        Object ms = ((JavascriptExecutor) driver).executeScript(
                "const t = performance.getEntriesByType('navigation')[0]; return t ? Math.round(t.loadEventEnd) : -1;");
        loadTimesMs.put(name, ((Number) ms).longValue());
    }

    /** Navigates within the page (hash route); follow with {@link #await} for what the new view shows. */
    void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0];", hash);
    }

    WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        // The console re-renders its live parts every two seconds, so an element read a moment ago may be gone.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .until(condition);
    }

    /** True once the element exists and its text contains {@code text}. */
    Function<WebDriver, Boolean> textContains(String cssSelector, String text) {
        return d -> {
            var elements = d.findElements(By.cssSelector(cssSelector));
            return !elements.isEmpty() && elements.get(0).getText().contains(text);
        };
    }

    void type(String cssSelector, String text) {
        WebElement element = find(cssSelector);
        element.clear();
        element.sendKeys(text);
    }

    void click(String cssSelector) {
        find(cssSelector).click();
    }

    void acceptConfirm() {
        driver.switchTo().alert().accept();
    }

    Path screenshot(String name) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Map<String, Long> loadTimesMs() {
        return loadTimesMs;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
