package org.learninghealth.cycle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.measurement.XlsxTableTest;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The upload page in headless Chromium with the Tasklist login: a file with a bad row is previewed with its problem
 * and cannot be stored; a workbook's sheet is picked from the list, previewed, confirmed; the task form then shows
 * what is stored. Screenshots: {@code target/browser/MeasurementUploadPageIT/}.
 */
class MeasurementUploadPageIT extends BrowserSteps {

    private WebElement visible(String css) {
        return new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    @Test
    void aLeadPreviewsPicksASheetConfirmsAndSeesTheStoredPeriodsInTheTaskForm() throws Exception {
        String key = waitingForMeasurements("lead");
        Path files = Files.createDirectories(Path.of("target", "browser-files").toAbsolutePath());
        Path bad = Files.writeString(files.resolve("falls-bad.csv"), "period;numerator;denominator;unit\n2026-01-05;12;50;4 West\n2026-01-12;12;50;ICU\n");
        Path workbook = Files.write(files.resolve("falls.xlsx"), XlsxTableTest.fallsWorkbook());

        tasklist.login("lead");
        WebDriver driver = tasklist.driver();
        driver.get(url("/projects/" + key + "/measurements"));
        waitForText("#stored", "Nothing stored yet.");
        tasklist.screenshot("empty");

        driver.findElement(By.id("file")).sendKeys(bad.toString());
        waitForText("#problems", "line 3: unit 'ICU' is not one of the project's units (4 West, 5 East)");
        assertThat(driver.findElement(By.id("preview-summary")).getText()).contains("1 problem(s): nothing can be stored");
        assertThat(driver.findElement(By.id("confirm")).isEnabled()).isFalse();
        tasklist.screenshot("bad-file-previewed");

        driver.findElement(By.id("file")).sendKeys(workbook.toString());
        waitForText("#problems", "sheet 'Read me' row 1");
        Select sheet = new Select(visible("#sheet"));
        assertThat(sheet.getOptions()).extracting(WebElement::getText).containsExactly("Read me", "Falls");
        sheet.selectByVisibleText("Falls");
        waitForText("#preview-summary", "3 rows for cycle 1, periods 2026-01-05 to 2026-01-12 (4 West 2, 5 East 1).");
        assertThat(driver.findElement(By.id("sample")).getText()).contains("new bed alarms");
        tasklist.screenshot("workbook-previewed");
        driver.findElement(By.id("confirm")).click();
        waitForText("#result", "Stored: 3 new, 0 updated, 0 unchanged; periods 2026-01-05 to 2026-01-12 (4 West, 5 East).");
        waitForText("#stored", "2026-01-05 to 2026-01-12 · 4 West 2, 5 East 1 · last upload file by lead");
        tasklist.screenshot("stored");
        assertThat(tasklist.consoleErrors()).isEmpty();

        tasklist.openTask(task(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS).getId());
        assertThat(tasklist.formText()).contains("Stored for cycle 1: 3 rows from 2026-01-05 to 2026-01-12 (4 West 2, 5 East 1). Last upload: file by lead");
        tasklist.screenshot("task-form-shows-stored");
    }
}
