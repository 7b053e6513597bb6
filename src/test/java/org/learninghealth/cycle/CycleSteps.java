package org.learninghealth.cycle;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.learninghealth.cycle.measurement.MeasurementFormat;
import org.learninghealth.cycle.measurement.MeasurementIntakeService;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientInterpretationProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.project.LearningCycleService;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.spread.SpreadService;
import org.springframework.beans.factory.annotation.Autowired;

/** The steps of a cycle as the demo users take them, so that path tests read like the cycle. */
public abstract class CycleSteps extends CycleTestSupport {

    @Autowired protected LearningCycleService cycles;
    @Autowired protected MeasurementIntakeService intake;
    @Autowired protected SpreadService spreads;
    @Autowired protected org.learninghealth.cycle.letters.Letters letters;

    /** The text of the project's latest letter of {@code kind} ({@code LetterKind} name), as PDFBox reads it in reading order. */
    protected String letterText(String projectKey, String kind) throws java.io.IOException {
        var letter = letters.of(projectKey).stream().filter(l -> l.kind().equals(kind)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + kind + " letter of " + projectKey));
        try (var document = org.apache.pdfbox.Loader.loadPDF(letters.pdf(projectKey, letter.id()).orElseThrow())) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    protected String started(String lead) {
        ProcessInstance instance = startProject(lead, challenge("Falls on the medical wards"));
        return projectKey(instance);
    }

    protected void triage(String projectKey, String decision, String comments) {
        Map<String, Object> v = new HashMap<>();
        v.put(TRIAGE_DECISION, decision);
        v.put(TRIAGE_COMMENTS, comments);
        complete("manager", projectKey, LearningCycleProcess.TASK_TRIAGE, v);
    }

    protected void acceptedWithEvidence(String projectKey) {
        triage(projectKey, "ACCEPT", null);
        executeJobs(projectKey);
    }

    protected void planned(String projectKey, Map<String, Object> plan) {
        complete("lead", projectKey, LearningCycleProcess.TASK_PLAN, plan);
    }

    /** A new challenge, accepted and planned as a change patients will notice: waiting for the patient and family partners. */
    protected String plannedForPatients(String lead) {
        String key = started(lead);
        acceptedWithEvidence(key);
        planned(key, patientFacingPlan());
        return key;
    }

    /** A plan past its reviews: approved as QI, live on every unit today, the 12 weeks over and the data (20% to 8%) in. */
    protected void approvedAndMeasured(String projectKey) {
        reviewed("irb", projectKey, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        rolledOut(projectKey, TODAY);
        measurementPeriodOver(projectKey, 12);
        measurementsSubmitted(projectKey, weeklyProportions(TODAY, 10, 20, 10, 8), false);
    }

    /** The patient and family partners answer the review of the plan ({@code concerns} one per line, or null). */
    protected void partnersReviewed(String projectKey, String view, String concerns, String comments) {
        Map<String, Object> v = new HashMap<>();
        v.put(PatientReviewProcess.PARTNER_VIEW, view);
        v.put(PatientReviewProcess.PARTNER_CONCERNS, concerns);
        v.put(PatientReviewProcess.PARTNER_COMMENTS, comments);
        complete("partner", projectKey, PatientReviewProcess.TASK_REVIEW, v);
    }

    /** The lead answers the partners' concerns, one line each, and may revise the summary in plain words. */
    protected void concernsAnswered(String projectKey, String answers, String plainSummary) {
        Map<String, Object> v = new HashMap<>();
        v.put(PatientReviewProcess.CONCERN_ANSWERS, answers);
        if (plainSummary != null) {
            v.put(PLAIN_SUMMARY, plainSummary);
        }
        complete("lead", projectKey, PatientReviewProcess.TASK_ANSWER_CONCERNS, v);
    }

    protected void partnersInterpreted(String projectKey, String words) {
        complete("partner", projectKey, PatientInterpretationProcess.TASK_INTERPRET, Map.of(PatientInterpretationProcess.PARTNER_INTERPRETATION, words));
    }

    protected void reviewed(String reviewer, String projectKey, String taskKey, String vote, String comments) {
        Map<String, Object> v = new HashMap<>();
        v.put(OversightReviewProcess.REVIEW_DECISION, vote);
        v.put(OversightReviewProcess.REVIEW_COMMENTS, comments);
        v.put(OversightReviewProcess.EXEMPT_CATEGORY, "4"); // read only when an exempt determination is approved
        complete(reviewer, projectKey, taskKey, v);
        lettersIssued(projectKey);
    }

    /** Every unit's champion confirms go-live on {@code day}. */
    protected void rolledOut(String projectKey, LocalDate day) {
        executeJobs(projectKey);
        for (Task task : tasks(projectKey, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)) {
            Map<String, Object> v = new HashMap<>();
            v.put(UnitRolloutProcess.GO_LIVE_DATE, day.toString());
            v.put(UnitRolloutProcess.FIDELITY_NOTES, "Done as planned");
            completeTask("champion", task, v);
        }
        executeJobs(projectKey);
    }

    protected void measurementPeriodOver(String projectKey, int weeks) {
        moveClock(Duration.ofDays(7L * weeks + 1));
        executeJobs(projectKey);
    }

    protected void measurementsSubmitted(String projectKey, String csv, boolean balancingHarmed) {
        Map<String, Object> v = new HashMap<>();
        v.put(MEASUREMENT_CSV, csv);
        v.put(BALANCING_MEASURE_HARMED, balancingHarmed);
        complete("lead", projectKey, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, v);
        executeJobs(projectKey);
    }

    protected void interpreted(String projectKey) {
        complete("lead", projectKey, LearningCycleProcess.TASK_INTERPRET,
                Map.of(INTERPRETATION, "Rounding was done on most shifts.", LESSONS_LEARNED, "Involve aides from the start."));
    }

    protected void decided(String projectKey, String decision) {
        complete("manager", projectKey, LearningCycleProcess.TASK_DECIDE,
                Map.of(DECISION, decision, DECISION_RATIONALE, "Decided on the evaluation: " + decision));
        executeJobs(projectKey);
    }

    /** A champion reports new information about the project, discovered today. */
    protected void reportSafetyEvent(String projectKey, String description) {
        as("champion", () -> cycles.reportSafetyEvent(projectKey, description, "moderate", today().toString()));
    }

    protected void withdraw(String user, String projectKey, String reason) {
        as(user, () -> cycles.withdraw(projectKey, reason));
    }

    /** Weekly proportions: {@code baselineWeeks} before {@code goLive} at {@code before}/100, then {@code after}/100. */
    public static String weeklyProportions(LocalDate goLive, int baselineWeeks, int before, int interventionWeeks, int after) {
        StringBuilder csv = new StringBuilder("period,numerator,denominator\n");
        for (int w = baselineWeeks; w >= 1; w--) {
            csv.append(goLive.minusWeeks(w)).append(',').append(before + (w % 3) - 1).append(",100\n");
        }
        for (int w = 0; w < interventionWeeks; w++) {
            csv.append(goLive.plusWeeks(w)).append(',').append(after + (w % 3) - 1).append(",100\n");
        }
        return csv.toString();
    }

    /** Weekly proportions of one unit: 10 weeks around {@code before}/100 before its go-live, 10 around {@code after}/100 from it. */
    public static String unitProportions(String unit, LocalDate goLive, int before, int after) {
        StringBuilder csv = new StringBuilder();
        for (int w = 10; w >= 1; w--) {
            csv.append(goLive.minusWeeks(w)).append(',').append(before + (w % 3) - 1).append(",100,").append(unit).append('\n');
        }
        for (int w = 0; w < 10; w++) {
            csv.append(goLive.plusWeeks(w)).append(',').append(after + (w % 3) - 1).append(",100,").append(unit).append('\n');
        }
        return csv.toString();
    }

    /** The engine clock's day. */
    protected static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /**
     * An adopted project whose change a manager spread to 6 South, live there today and measured for the plan's 12
     * weeks: waiting for the new unit's data.
     */
    protected String spreadAndMeasured(String lead) {
        String key = adopted(lead);
        as("manager", () -> spreads.spread(key, List.of("6 South"), "The same falls at night on 6 South", false, null));
        rolledOut(key, today());
        measurementPeriodOver(key, 12);
        return key;
    }

    /** A new challenge, accepted, planned and approved as QI; the unit rollouts are waiting for their champions. */
    protected String approved(String lead) {
        return approved(lead, plan());
    }

    /** A new challenge, accepted, planned with {@code plan} and approved by one reviewer (QI, exempt or expedited). */
    protected String approved(String lead, Map<String, Object> plan) {
        String key = started(lead);
        acceptedWithEvidence(key);
        complete(lead, key, LearningCycleProcess.TASK_PLAN, plan);
        String review = tasks(key, OversightReviewProcess.TASK_EXPEDITED_REVIEW).isEmpty() ? OversightReviewProcess.TASK_REVIEW_PLAN
                : OversightReviewProcess.TASK_EXPEDITED_REVIEW;
        reviewed("irb", key, review, "APPROVE", null);
        executeJobs(key);
        return key;
    }

    /** Approved on the EXPEDITED pathway and withdrawn: its closure report waits for the lead. */
    protected String closureDue(String lead) {
        String key = approved(lead, researchPlan());
        withdraw(lead, key, "The wards merge");
        executeJobs(key);
        return key;
    }

    /** A closure report as the lead completes it. */
    public static Map<String, Object> closureReport() {
        return Map.of(org.learninghealth.cycle.closure.ClosureProcess.CLOSURE_SUMMARY, "Withdrawn before go-live",
                org.learninghealth.cycle.closure.ClosureProcess.CLOSURE_PROBLEMS, "None",
                org.learninghealth.cycle.closure.ClosureProcess.CLOSURE_DATA, "No data were collected",
                org.learninghealth.cycle.closure.ClosureProcess.CLOSURE_ACTIVITIES_ENDED, true);
    }

    /** Approved on the EXPEDITED pathway, then eleven months pass for it: its annual check-in waits for the lead (the clock goes back after). */
    protected String checkInDue(String lead) {
        String key = approved(lead, researchPlan());
        java.util.Date now = ClockUtil.getCurrentTime();
        moveClock(Duration.ofDays(335));
        executeJobs(key);
        ClockUtil.setCurrentTime(now);
        return key;
    }

    /** A continuing-review submission as the lead completes it. */
    public static Map<String, Object> continuingReviewSubmission() {
        return Map.of(org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.CONTINUING_REVIEW_PROGRESS, "Live on both units",
                org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.CONTINUING_REVIEW_PROBLEMS, "None",
                org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.CONTINUING_REVIEW_CHANGES, "None");
    }

    /** {@link #plan()} designed for generalizable knowledge with identifiable data: research on the EXPEDITED pathway. */
    public static Map<String, Object> researchPlan() {
        Map<String, Object> v = plan();
        v.put(GENERALIZABLE_KNOWLEDGE, true);
        v.put(IDENTIFIABLE_DATA, true);
        return v;
    }

    /** Approved, live on every unit today, and the 12-week measurement period over. */
    protected String waitingForMeasurements(String lead) {
        return waitingForMeasurements(lead, plan());
    }

    protected String waitingForMeasurements(String lead, Map<String, Object> plan) {
        String key = approved(lead, plan);
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        return key;
    }

    /** From a new challenge to the interpretation of a cycle whose proportion went from {@code before}% to {@code after}%. */
    protected String throughEvaluation(String lead, int before, int after) {
        return throughEvaluation(lead, plan(), before, after);
    }

    protected String throughEvaluation(String lead, Map<String, Object> plan, int before, int after) {
        String key = waitingForMeasurements(lead, plan);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, before, 10, after), false);
        interpreted(key);
        return key;
    }

    /** {@link #throughEvaluation} from 20% to 8%, adopted: the change is monitored from now on. */
    protected String adopted(String lead) {
        return adopted(lead, plan());
    }

    protected String adopted(String lead, Map<String, Object> plan) {
        String key = throughEvaluation(lead, plan, 20, 8);
        decided(key, "ADOPT");
        return key;
    }

    /** The lead sends {@code weeks} weekly proportions around {@code percent}% from {@code from} on through the data API. @return the week after */
    protected LocalDate reported(String projectKey, LocalDate from, int weeks, int percent) {
        StringBuilder csv = new StringBuilder("period,numerator,denominator\n");
        for (int w = 0; w < weeks; w++) {
            csv.append(from.plusWeeks(w)).append(',').append(percent + (w % 3) - 1).append(",100\n");
        }
        as("lead", () -> intake.submit(projectKey, null, new MeasurementIntakeService.Submission("api", null, MeasurementFormat.CSV,
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), null)));
        return from.plusWeeks(weeks);
    }

    /** A month of monitoring passes: the sustain review's timer fires and the review runs. */
    protected void monthPassed(String projectKey) {
        moveClock(Duration.ofDays(31));
        executeJobs(projectKey);
    }
}
