package org.learninghealth.cycle.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.CycleSteps;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application on a random port and a fresh headless Chromium per test; screenshots go to
 * {@code target/browser/<class>/<test>/}, the last one taken when the test ends, passed or failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.learninghealth.cycle.browser.Browser#available",
        disabledReason = "no headless Chromium: install Debian chromium and chromium-driver, or set LC_TEST_CHROMIUM and LC_TEST_CHROMEDRIVER")
public abstract class BrowserSteps extends CycleSteps {

    @LocalServerPort protected int port;
    protected TasklistPage tasklist;

    @BeforeEach
    void openBrowser(TestInfo test) {
        tasklist = new TasklistPage(Browser.start(), port, getClass().getSimpleName() + "/" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() {
        try {
            tasklist.screenshot("last");
        } finally {
            tasklist.driver().quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
