package org.learninghealth.cycle.demo;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.DemoProperties;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo projects in every stage, two of them finished, so that the manager page and Tasklist show something on a
 * first look. They are driven through the real models as the demo users, on an engine clock set back in time step by
 * step, with the job executor paused meanwhile; only on a database without any learning cycle. Their titles say
 * "(demo)".
 */
@Component
@Order(3)
public class DemoProjects implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProjects.class);

    private final DemoProperties demo;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final IdentityService identityService;
    private final HistoryService historyService;
    private final ProcessEngineConfigurationImpl configuration;
    private final ApiCaller caller;

    public DemoProjects(DemoProperties demo, ProcessEngine engine, ApiCaller caller) {
        this.demo = demo;
        this.caller = caller;
        this.runtimeService = engine.getRuntimeService();
        this.taskService = engine.getTaskService();
        this.managementService = engine.getManagementService();
        this.identityService = engine.getIdentityService();
        this.historyService = engine.getHistoryService();
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo.enabled() || !demo.projects()
                // one row is enough to know: a count would read every project of the years at each start
                || !historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).listPage(0, 1).isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now();
        // the job executor is already running: pause it, so that only this seeding runs the demo projects' jobs
        JobExecutor executor = configuration.getJobExecutor();
        boolean wasActive = executor != null && executor.isActive();
        if (wasActive) {
            executor.shutdown();
        }
        try {
            at(today.minusDays(220));
            String adopted = start("Hand hygiene before patient contact on 6 North (demo)", "6 North", "Hand hygiene before patient contact", "increase");
            accepted(adopted, 3);
            planned(adopted, 9, 0.8);
            reviewed(adopted, 6);
            live(adopted, 2, 12, 40, 82);
            later(4);
            // shared on the public learning page
            complete("manager", adopted, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Demo decision",
                    SHARE_PUBLICLY, true, PLAIN_SUMMARY, "Staff on 6 North now clean their hands every time before they touch you, and you may"
                            + " remind them. Clean hands stop germs from spreading between patients. (demo)"));

            at(today.minusDays(190));
            String abandoned = start("Pressure injuries in the medical ICU (demo)", "Medical ICU", "Patients with a new pressure injury", "decrease");
            accepted(abandoned, 6);
            planned(abandoned, 14, 0.05);
            reviewed(abandoned, 11);
            live(abandoned, 3, 12, 12, 12);
            decided(abandoned, 9, "ABANDON");

            at(today.minusDays(130));
            String measuring = start("Falls at night on 4 West (demo)", "4 West, 5 East", "Patient-days with a fall", "decrease");
            accepted(measuring, 2);
            planned(measuring, 7, 0.1);
            reviewed(measuring, 4);
            goLive(measuring, 3);                                     // measuring now

            at(today.minusDays(40));
            String rolling = start("Insulin dosing errors on 7 South (demo)", "7 South", "Insulin doses given outside the protocol", "decrease");
            accepted(rolling, 4);
            planned(rolling, 10, 0.02);
            reviewed(rolling, 5);                                     // waiting on the unit champion, overdue

            at(today.minusDays(21));
            String reviewing = start("Sepsis antibiotics within the hour in the ED (demo)", "Emergency department",
                    "Sepsis patients with antibiotics within 60 minutes", "increase");
            accepted(reviewing, 2);
            planned(reviewing, 6, 0.9, "If you come to the emergency department with a serious infection, you will get antibiotics within"
                    + " an hour. A nurse checks the time for every patient. (demo)");
            later(3);
            complete("partner", reviewing, PatientReviewProcess.TASK_REVIEW, Map.of(PatientReviewProcess.PARTNER_VIEW, "SUPPORTS_WITH_SUGGESTIONS",
                    PatientReviewProcess.PARTNER_COMMENTS, "Tell families in the waiting room why some patients go first. (demo)"));
                                                                      // the partners supported it; at the IRB

            at(today.minusDays(9));
            String planning = start("Delirium missed after surgery (demo)", "Surgical ward 3", "Patients over 75 screened for delirium", "increase");
            accepted(planning, 1);                                    // the lead is planning

            at(today.minusDays(3));
            start("Late discharges on the general surgery ward (demo)", "General surgery ward", "Discharges before noon", "increase");
            LOG.info("Demo projects started: {}, {}, {}, {}, {}, {} and one at triage", adopted, abandoned, measuring, rolling, reviewing, planning);
        } catch (RuntimeException e) {
            // demo data are a courtesy: a failure (a demo user changed meanwhile, say) must not stop the application
            LOG.error("The demo projects could not all be seeded ({}); the application runs on with those that were.", e.getMessage(), e);
        } finally {
            ClockUtil.reset();
            identityService.clearAuthentication();
            if (wasActive) {
                executor.start();
            }
        }
    }

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).atZone(ZoneId.systemDefault()).toInstant()));
    }

    private static void later(int days) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(days).toMillis()));
    }

    private String start(String title, String units, String measure, String direction) {
        Map<String, Object> v = new HashMap<>();
        v.put(TITLE, title);
        v.put(PROBLEM, "Demo project: " + measure.toLowerCase() + " is not where the unit wants it.");
        v.put(UNITS, units);
        v.put(MEASURE_NAME, measure);
        v.put(MEASURE_TYPE, "proportion");
        v.put(IMPROVEMENT_DIRECTION, direction);
        ProcessInstance instance = caller.as("lead", () -> runtimeService.startProcessInstanceByKey(LearningCycleProcess.KEY, v));
        return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getBusinessKey();
    }

    private void accepted(String key, int afterDays) {
        later(afterDays);
        complete("manager", key, LearningCycleProcess.TASK_TRIAGE, Map.of(TRIAGE_DECISION, "ACCEPT"));
    }

    private void planned(String key, int afterDays, double target) {
        planned(key, afterDays, target, null);
    }

    /** @param plainSummary for a change patients will notice, its summary in plain words; null for one they will not */
    private void planned(String key, int afterDays, double target, String plainSummary) {
        later(afterDays);
        Map<String, Object> plan = new HashMap<>();
        plan.put(AIM, "Demo aim: reach " + target + " within 12 weeks");
        plan.put(AIM_TARGET, target);
        plan.put(CHANGE_IDEA, "Demo change idea");
        plan.put(UNITS, runtimeService.getVariable(instance(key), UNITS));
        plan.put(MEASUREMENT_WEEKS, 12);
        for (String question : List.of(INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES,
                GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, INTENDS_TO_PUBLISH)) {
            plan.put(question, false);
        }
        plan.put(AIMS_LOCAL_IMPROVEMENT, true);
        plan.put(PATIENT_FACING, plainSummary != null);
        plan.put(PLAIN_SUMMARY, plainSummary);
        complete("lead", key, LearningCycleProcess.TASK_PLAN, plan);
    }

    private void reviewed(String key, int afterDays) {
        later(afterDays);
        complete("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
    }

    private void goLive(String key, int afterDays) {
        later(afterDays);
        String day = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
        for (Task task : tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)) {
            completeTask("champion", task, Map.of(UnitRolloutProcess.GO_LIVE_DATE, day, UnitRolloutProcess.FIDELITY_NOTES, "Demo"));
        }
        jobs(key);
    }

    private void live(String key, int afterDays, int weeks, int before, int after) {
        goLive(key, afterDays);
        LocalDate goLive = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        later(7 * weeks + 1);
        jobs(key);
        Map<String, Object> v = new HashMap<>();
        v.put(MEASUREMENT_CSV, series(goLive, weeks, before, after));
        v.put(BALANCING_MEASURE_HARMED, false);
        complete("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, v);
        complete("lead", key, LearningCycleProcess.TASK_INTERPRET, Map.of(INTERPRETATION, "Demo interpretation", LESSONS_LEARNED, "Demo lessons"));
    }

    private void decided(String key, int afterDays, String decision) {
        later(afterDays);
        complete("manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, decision, DECISION_RATIONALE, "Demo decision"));
    }

    /** Weekly periods, as many before the go-live as after, around {@code before}% and then {@code after}% of 100 patients. */
    static String series(LocalDate goLive, int weeks, int before, int after) {
        StringBuilder csv = new StringBuilder("period,numerator,denominator\n");
        for (int w = -weeks; w < weeks; w++) {
            int level = w < 0 ? before : after;
            csv.append(goLive.plusWeeks(w)).append(',').append(Math.max(0, Math.min(100, level + (w * 7 % 5) - 2))).append(",100\n");
        }
        return csv.toString();
    }

    private void complete(String user, String key, String taskKey, Map<String, Object> variables) {
        jobs(key);
        List<Task> open = tasks(key, taskKey);
        if (open.size() != 1) {
            throw new IllegalStateException("Demo project " + key + " expected one task " + taskKey + " but found " + open.size());
        }
        completeTask(user, open.get(0), variables);
        jobs(key);
    }

    private void completeTask(String user, Task task, Map<String, Object> variables) {
        caller.as(user, () -> {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), variables);
            return null;
        });
    }

    private List<Task> tasks(String key, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(taskKey).list();
    }

    private String instance(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key)
                .singleResult().getId();
    }

    /** Runs the project's due jobs as the job executor would (it has not started yet). */
    private void jobs(String key) {
        for (int round = 0; round < 50; round++) {
            List<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
                    .map(ProcessInstance::getId).toList();
            Job due = instances.stream().flatMap(id -> managementService.createJobQuery().processInstanceId(id).executable().list().stream())
                    .findFirst().orElse(null);
            if (due == null) {
                return;
            }
            managementService.executeJob(due.getId());
        }
    }
}
