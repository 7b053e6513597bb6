package org.learninghealth.cycle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The manager page in headless Chromium with the demo projects: one Camunda login (through Tasklist) opens it, the
 * manager sees every project and the lead-time chart, a lead only their own projects. Screenshots:
 * {@code target/browser/PortfolioPageIT/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "learning-cycle.demo.projects=true")
class PortfolioPageIT extends BrowserSteps {

    private List<String> projectKeys() {
        WebDriverWait wait = new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#projects tbody tr")));
        return tasklist.driver().findElements(By.cssSelector("#projects tbody tr")).stream().map(r -> r.getAttribute("data-key")).toList();
    }

    @Test
    void managersSeeEveryProjectAndTheLeadTimesWithTheirOneLogin() {
        ClockUtil.reset(); // the demo projects were made relative to today, not to the tests' fixed day
        String others = started("irblead");

        tasklist.driver().get("http://localhost:" + port + "/portfolio");
        WebElement message = new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).contains("Log in first");
        tasklist.screenshot("not-logged-in");
        assertThat(tasklist.consoleErrors()).as("the expected 401 of the first visit").hasSize(1);

        tasklist.login("manager");
        tasklist.driver().get("http://localhost:" + port + "/portfolio");
        List<String> keys = projectKeys();
        assertThat(keys).as("the open projects first").contains(others).hasSizeGreaterThanOrEqualTo(7);
        assertThat(tasklist.driver().findElement(By.id("count")).getText()).isEqualTo(keys.size() + " projects");
        new org.openqa.selenium.support.ui.Select(tasklist.driver().findElement(By.name("status"))).selectByValue("all");
        new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(d -> projectKeys().size() > keys.size());
        assertThat(projectKeys()).as("the ended demo project too").containsAll(keys);
        new org.openqa.selenium.support.ui.Select(tasklist.driver().findElement(By.name("status"))).selectByValue("open");
        new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(d -> projectKeys().size() == keys.size());
        String page = tasklist.driver().findElement(By.id("projects")).getText();
        assertThat(page).contains("Hand hygiene before patient contact on 6 North (demo)", "ADOPT", "Triage", "Oversight review", "Rollout",
                "Measurement", "overdue");
        new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lead-times rect.bar")));
        List<WebElement> bars = tasklist.driver().findElements(By.cssSelector("#lead-times rect.bar"));
        assertThat(bars).hasSizeGreaterThanOrEqualTo(5);
        assertThat(tasklist.driver().findElements(By.cssSelector("#lead-times rect.bottleneck"))).hasSize(1);
        assertThat(tasklist.driver().findElement(By.id("total")).getText()).contains("Challenge to decision: median");
        assertThat(tasklist.driver().findElement(By.id("sustained-share")).getText()).contains("12 months");
        assertThat(tasklist.driver().findElement(By.id("evidence-to-practice")).getText()).contains("adopted");
        assertThat(tasklist.driver().findElement(By.id("knowledge-reuse")).getText()).contains("knowledge record");
        // the adopted demo project is monitored now; its last Making Data Count icons are pictures with their words
        WebElement adopted = tasklist.driver().findElement(By.xpath("//tbody/tr[td[contains(., 'Hand hygiene before patient contact')]]"));
        assertThat(adopted.getText()).contains("Sustaining", "ADOPT");
        List<WebElement> icons = adopted.findElements(By.cssSelector("td.icons img"));
        assertThat(icons).hasSize(2).allSatisfy(icon -> {
            assertThat(icon.getAttribute("alt")).startsWith(icon.getAttribute("data-icon").startsWith("improvement") ? "Special cause variation: improvement" : "");
            assertThat(icon.getAttribute("alt")).isNotBlank();
            assertThat((Boolean) new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return arguments[0].complete ? arguments[0].naturalWidth > 0 : null;", icon))).as("the icon is drawn").isTrue();
        });
        tasklist.screenshot("manager-portfolio");

        tasklist.driver().findElement(By.cssSelector("#projects tbody tr[data-key='" + keys.get(0) + "']")).click();
        new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline li")));
        assertThat(tasklist.driver().findElement(By.id("timeline")).getText()).contains("Triage");
        tasklist.screenshot("manager-timeline");
        assertThat(tasklist.consoleErrors()).isEmpty();

        tasklist.login("lead");
        tasklist.driver().get("http://localhost:" + port + "/portfolio");
        assertThat(projectKeys()).doesNotContain(others).hasSizeGreaterThanOrEqualTo(6);
        assertThat(tasklist.driver().findElement(By.id("lead-times-section")).isDisplayed()).as("lead times are for managers").isFalse();
        tasklist.screenshot("lead-portfolio");
    }
}
