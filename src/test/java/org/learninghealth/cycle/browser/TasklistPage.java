package org.learninghealth.cycle.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist 7.24 as a person uses it: log in, pick a filter, open a task, claim it, fill the Camunda Form
 * (form-js 1.8) by its labels, complete. Every step can leave a screenshot under {@code target/browser/<suite>/}.
 */
public class TasklistPage {

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final WebDriverWait wait;
    private int shot;
    private String openTaskId;
    private String openTaskText;

    public TasklistPage(ChromeDriver driver, int port, String suite) {
        this.driver = driver;
        this.baseUrl = "http://localhost:" + port;
        this.screenshots = Path.of("target", "browser", suite);
        org.springframework.util.FileSystemUtils.deleteRecursively(screenshots.toFile());
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Logs out whoever was logged in and logs {@code user} in (demo password = user id). */
    public TasklistPage login(String user) {
        for (int attempt = 1; ; attempt++) {
            try {
                tryLogin(user);
                return this;
            } catch (org.openqa.selenium.TimeoutException e) {
                screenshot("login-" + user + "-attempt-" + attempt);
                if (attempt == 2) {
                    throw new IllegalStateException("Cannot log in as " + user + "; notifications " + notifications() + ", console " + consoleErrors(), e);
                }
            }
        }
    }

    private void tryLogin(String user) {
        submitLogin(user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.start-process-action")));
        waitForAngular();
    }

    /** Fills in and sends the login page (demo password = user id) without waiting for its outcome. */
    public TasklistPage submitLogin(String user) {
        if (driver.getCurrentUrl().startsWith(baseUrl)) {
            ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        }
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.get(baseUrl + "/camunda/app/tasklist/default/#/login");
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model='username']")));
        waitForAngular();
        name.sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        return this;
    }

    /** The names of the filters the user sees in the left column. */
    public List<String> filters() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-filter h4.name a")));
        return driver.findElements(By.cssSelector(".task-filter h4.name a")).stream()
                .map(a -> a.getText().replaceAll("\\s*\\d+$", "").trim()).filter(s -> !s.isEmpty()).toList();
    }

    /** Clicks a filter and returns the names of the tasks it lists. */
    public List<String> openFilter(String filter) {
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.), '" + filter + "')]")));
        link.click();
        waitForAngular();
        sleep(500);
        return taskNames();
    }

    public List<String> taskNames() {
        return driver.findElements(By.cssSelector(".tasks-list .task h4")).stream()
                .map(WebElement::getText).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Opens the task of the current filter's list whose name contains {@code text} and waits for its form. */
    public TasklistPage openTaskFromList(String text) {
        WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'tasks-list')]//*[contains(@class,'task')]//a[contains(normalize-space(.), '" + text + "')]")));
        task.click();
        openTaskText = text;
        waitForForm();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("[?&]task=([0-9a-f-]+)").matcher(driver.getCurrentUrl());
        openTaskId = id.find() ? id.group(1) : null;
        return this;
    }

    /** Opens a task by its id, as a link in a notification mail would. */
    public TasklistPage openTask(String taskId) {
        driver.get(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
        openTaskId = taskId;
        openTaskText = null;
        return waitForForm();
    }

    public TasklistPage waitForForm() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form")));
        waitForAngular();
        return this;
    }

    /** Claims the open task when it is offered to a group. */
    public TasklistPage claim() {
        List<WebElement> claim = driver.findElements(By.cssSelector("button.claim[ng-click='claim()']"));
        if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
            claim.get(0).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim[ng-click='claim()']")));
            waitForAngular();
            if (driver.findElements(By.cssSelector(".fjs-form")).isEmpty()) {
                // Tasklist may close the task when it refreshes its list after the claim: open it again from the list
                if (openTaskText != null) {
                    openTaskFromList(openTaskText);
                } else if (openTaskId != null) {
                    driver.get("about:blank");
                    openTask(openTaskId);
                }
            }
            waitForForm();
        }
        return this;
    }

    /** Starts a process from the "Start process" menu and waits for its start form. */
    public TasklistPage startProcess(String name) {
        driver.findElement(By.cssSelector("li.start-process-action a")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[contains(@class,'modal')]//a[contains(normalize-space(.), '" + name + "')]"))).click();
        return waitForForm();
    }

    /** Closes the start form without starting anything. */
    public TasklistPage closeStart() {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='Close']"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        return this;
    }

    public void submitStart() {
        WebElement start = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='startProcessInstance()']")));
        start.click();
    }

    /** Clicks "Complete"; form-js validation may keep the task open (see {@link #validationMessages()}). */
    public void complete() {
        dismissNotifications();
        for (int attempt = 1; attempt <= 3; attempt++) {
            WebElement complete = wait.until(d -> d.findElements(By.cssSelector("button[ng-click='complete()']")).stream()
                    .filter(b -> b.isDisplayed() && b.isEnabled()).findFirst().orElse(null));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
            complete.click();
            // Tasklist answers a click with a notification, validation messages or by closing the task; now and then
            // (with a date picker in the form) the first click only moves the focus, and a person clicks again
            boolean answered;
            try {
                answered = new WebDriverWait(driver, Duration.ofSeconds(4)).until(d -> !notifications().isEmpty()
                        || !validationMessages().isEmpty() || isStale(complete));
            } catch (org.openqa.selenium.TimeoutException e) {
                answered = false;
            }
            if (answered) {
                waitForAngular();
                return;
            }
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        }
    }

    /** Text typed into the field with this label (text field, text area or number). */
    public TasklistPage type(String label, String text) {
        WebElement field = scrollTo(field(label));
        int length = field.getDomProperty("value").length();
        if (length > 0) {
            // form-js (Preact) keeps its own state: delete the old text with keystrokes, as a person would
            field.click();
            field.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
            field.sendKeys(Keys.BACK_SPACE.toString().repeat(length));
        }
        field.sendKeys(text);
        if (!text.equals(field.getDomProperty("value"))) {
            throw new IllegalStateException("The field '" + label + "' shows '" + field.getDomProperty("value") + "' after typing '" + text + "'");
        }
        // form-js takes typed text into its state after a short debounce (or on leaving the field); a re-render of the
        // form before that puts the field back to the old value. Leave the field and give it the moment a person
        // takes before the next one — typing on at machine speed emptied fields now and then.
        ((JavascriptExecutor) driver).executeScript("arguments[0].blur();", field);
        pause(Duration.ofMillis(400));
        return this;
    }

    /**
     * Text pasted into the field with this label, as a paste from Excel arrives: Chrome's own text insertion (the
     * DevTools {@code Input.insertText} that a paste uses), so tabs and line breaks land in the field instead of moving
     * the focus as typed TAB keys would.
     */
    public TasklistPage paste(String label, String text) {
        WebElement field = scrollTo(field(label));
        field.click();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        driver.executeCdpCommand("Input.insertText", java.util.Map.of("text", text));
        if (!text.replace("\r\n", "\n").equals(field.getDomProperty("value"))) {
            throw new IllegalStateException("The field '" + label + "' shows '" + field.getDomProperty("value") + "' after pasting '" + text + "'");
        }
        ((JavascriptExecutor) driver).executeScript("arguments[0].blur();", field);
        pause(Duration.ofMillis(400));
        return this;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The value shown in the field with this label. */
    public String value(String label) {
        return field(label).getDomProperty("value");
    }

    /** Picks the option of a radio group or checklist by its label. */
    public TasklistPage choose(String groupLabel, String option) {
        WebElement group = group(groupLabel);
        WebElement input = group.findElement(By.xpath(".//label[normalize-space(.)='" + option + "']"));
        scrollTo(input).click();
        return this;
    }

    /** Ticks a single checkbox by its label. */
    public TasklistPage tick(String label) {
        WebElement box = field(label);
        if (!box.isSelected()) {
            scrollTo(box).click();
        }
        return this;
    }

    /** Picks an option of a form-js select (a drop-down list, not an HTML select). */
    public TasklistPage select(String label, String option) {
        WebElement group = group(label);
        scrollTo(group.findElement(By.cssSelector(".fjs-input-group"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + option + "']"))).click();
        return this;
    }

    /** Types a date into a form-js date picker as the person would (mm/dd/yyyy) and leaves the field. */
    public TasklistPage date(String label, java.time.LocalDate day) {
        WebElement input = field(label);
        scrollTo(input).click();
        input.sendKeys(String.format("%02d/%02d/%04d", day.getMonthValue(), day.getDayOfMonth(), day.getYear()));
        input.sendKeys(Keys.ENTER);
        input.sendKeys(Keys.ESCAPE);
        // leave the field by clicking the form's heading, so the date picker closes
        driver.findElement(By.cssSelector(".fjs-form h2, .fjs-form h1")).click();
        wait.until(d -> d.findElements(By.cssSelector(".flatpickr-calendar.open")).isEmpty());
        return this;
    }

    /** The error messages form-js shows under fields. */
    public List<String> validationMessages() {
        return driver.findElements(By.cssSelector(".fjs-form-field-error")).stream().map(WebElement::getText)
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Closes the notifications, as a person does before clicking what they cover. */
    public void dismissNotifications() {
        for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .alert .close, .notifications .alert .close"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
        wait.until(d -> notifications().isEmpty());
    }

    /** Notifications Tasklist shows at the top (errors of the REST call included). */
    public List<String> notifications() {
        return driver.findElements(By.cssSelector(".notifications .alert, .page-notifications .alert")).stream()
                .map(WebElement::getText).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String waitForNotification(String text) {
        return wait.until(d -> notifications().stream().filter(n -> n.contains(text)).findFirst().orElse(null));
    }

    /** The visible text of the task's form. */
    public String formText() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form"))).getText();
    }

    /** Whether an image of the form has loaded (a broken image has no natural width). */
    public boolean imageLoaded(String srcPart) {
        WebElement image = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form img[src*='" + srcPart + "']")));
        scrollTo(image);
        return wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth > 0 : null;", image));
    }

    public int imageWidth(String srcPart) {
        WebElement image = driver.findElement(By.cssSelector(".fjs-form img[src*='" + srcPart + "']"));
        return ((Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth;", image)).intValue();
    }

    /** Errors the page wrote to the browser console since the last call. */
    /**
     * WCAG 2.1 A and AA violations axe-core (Deque's, injected into the page) finds on the page, or only inside the
     * elements the selector names; each with the elements it found and how to fix them.
     */
    public List<String> accessibilityViolations(String selector) {
        com.deque.html.axecore.selenium.AxeBuilder axe = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
        if (selector != null) {
            axe.include(selector);
        }
        return axe.analyze(driver).getViolations().stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getFailureSummary()).toList()).toList();
    }

    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon.ico"))
                // the login page asks once whether to greet a first visitor; 404 means "no greeting"
                .filter(m -> !m.contains("/camunda-welcome"))
                .toList();
    }

    /** Saves the page's HTML next to the screenshots, for a failure that a picture does not explain. */
    public Path pageSource(String step) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(String.format("%02d-%s.html", shot, step.replaceAll("[^A-Za-z0-9-]+", "-")));
            Files.writeString(file, driver.getPageSource());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the page as {@code target/browser/<suite>/<nn>-<step>.png}. */
    public Path screenshot(String step) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, step.replaceAll("[^A-Za-z0-9-]+", "-")));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement field(String label) {
        WebElement labelElement = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//label[contains(@class,'fjs-form-field-label')][@for][starts-with(normalize-space(.), '" + label + "')]")));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    private WebElement group(String label) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-form-field')][./label[contains(@class,'fjs-form-field-label')][starts-with(normalize-space(.), '"
                        + label + "')] or ./*/label[contains(@class,'fjs-form-field-label')][starts-with(normalize-space(.), '" + label + "')]]")));
    }

    private WebElement scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    private void waitForAngular() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        sleep(300);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
