package org.learninghealth.cycle.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.identity.TasklistFilters;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A patient and family partner's work in Tasklist, and WCAG 2.1 AA (axe-core, zero violations) on what partners and
 * the public see: the partners' two forms, the public learning page on a phone, and the manager's portfolio.
 * Screenshots: {@code target/browser/AccessibilityIT/}.
 */
class AccessibilityIT extends BrowserSteps {

    @Test
    void aPartnerReviewsAndInterpretsInTasklistAndWhatPartnersAndThePublicSeePassesAxe() {
        String key = plannedForPatients("lead");

        tasklist.login("partner");
        assertThat(tasklist.filters()).containsExactly(TasklistFilters.PATIENT_AND_FAMILY_REVIEW);
        tasklist.openFilter(TasklistFilters.PATIENT_AND_FAMILY_REVIEW);
        tasklist.openTaskFromList(key).claim();
        assertThat(tasklist.formText()).contains("Falls on the medical wards", "look in on you every hour", "4 West, 5 East")
                .doesNotContain("lead", "Lead (demo)");
        assertThat(tasklist.accessibilityViolations(".fjs-container")).as("the partners' review form").isEmpty();
        tasklist.choose("What do you think?", "I have concerns");
        tasklist.type("Your concerns, one per line", "Checks every hour will wake people at night\nFamilies are not told why");
        tasklist.screenshot("partner-review");
        tasklist.complete();
        assertThat(task(key, PatientReviewProcess.TASK_ANSWER_CONCERNS).getAssignee()).isEqualTo("lead");

        concernsAnswered(key, "Explained: at night they come quietly, with a small light\nRevised: a leaflet for families at admission", null);
        approvedAndMeasured(key);
        interpreted(key);

        tasklist.login("partner");
        tasklist.openFilter(TasklistFilters.PATIENT_AND_FAMILY_REVIEW);
        tasklist.openTaskFromList(key).claim();
        assertThat(tasklist.formText()).contains("We measured: Proportion of patient-days with a fall", "The goal of 10% was reached");
        assertThat(tasklist.imageLoaded("/api/cycles/" + key + "/chart.png")).as("the partner sees the chart").isTrue();
        assertThat(tasklist.accessibilityViolations(".fjs-container")).as("the partners' interpretation form").isEmpty();
        tasklist.type("What do these results mean for patients and families?", "Fewer falls, and fewer people hurt. Ask patients how they slept.");
        tasklist.screenshot("partner-interpretation");
        tasklist.complete();
        complete("manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Worked on both units",
                SHARE_PUBLICLY, true));
        executeJobs(key);

        // the public page, anonymous, on a phone
        tasklist.driver().manage().deleteAllCookies();
        tasklist.driver().manage().window().setSize(new Dimension(390, 844));
        tasklist.driver().get(url("/learning?q=falls"));
        assertThat(tasklist.driver().findElement(By.tagName("main")).getText()).contains("Falls on the medical wards", "look in on you every hour",
                "Adopted").doesNotContain("Worked on both units", "lead");
        assertThat((Boolean) ((JavascriptExecutor) tasklist.driver()).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;")).as("no sideways scrolling on a phone").isTrue();
        org.openqa.selenium.WebElement chart = tasklist.driver().findElement(By.cssSelector("main img[src='/learning/" + key + "/1/chart.png']"));
        ((JavascriptExecutor) tasklist.driver()).executeScript("arguments[0].scrollIntoView();", chart);
        assertThat((Boolean) new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofSeconds(20)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth > 0 : null;", chart))).as("the chart is drawn").isTrue();
        tasklist.screenshot("learning-on-a-phone");
        assertThat(tasklist.accessibilityViolations(null)).as("the public learning page").isEmpty();
        // the check itself finds what it should: a picture without a text alternative
        ((JavascriptExecutor) tasklist.driver()).executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<img id=\"probe\" src=\"/learning/"
                + key + "/1/chart.png\">');");
        assertThat(tasklist.accessibilityViolations("#probe")).anyMatch(v -> v.startsWith("image-alt"));

        tasklist.driver().manage().window().setSize(new Dimension(1400, 1000));
        tasklist.login("manager");
        tasklist.driver().get(url("/portfolio"));
        new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofSeconds(20))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#projects tbody tr")));
        tasklist.screenshot("portfolio");
        assertThat(tasklist.accessibilityViolations(null)).as("the portfolio").isEmpty();
    }
}
