package org.learninghealth.cycle.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Where the browser tests find headless Chromium and its driver (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code LC_TEST_CHROMIUM} and {@code LC_TEST_CHROMEDRIVER} point elsewhere). Without them
 * the tests are skipped with a message saying how to enable them; under {@code CI=true} a missing browser fails.
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LC_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LC_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    /** Used by {@code @EnabledIf}. */
    public static boolean available() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return true;
        }
        String missing = "no headless Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER;
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + missing + "; .ci/run installs them (apt-get install chromium chromium-driver)");
        }
        System.err.println("Skipping browser tests: " + missing + ". Enable them with `sudo apt-get install chromium chromium-driver`"
                + " (or set LC_TEST_CHROMIUM and LC_TEST_CHROMEDRIVER).");
        return false;
    }

    /** A fresh headless Chromium with its own profile; console messages are kept for {@link TasklistPage#consoleErrors()}. */
    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium quiet on a machine without internet access
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
