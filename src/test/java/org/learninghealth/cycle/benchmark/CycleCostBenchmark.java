package org.learninghealth.cycle.benchmark;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.PostgresSupport;
import org.learninghealth.cycle.identity.AuthorizationSetup;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=CycleCostBenchmark}), on PostgreSQL: the cost of one fully
 * automated learning cycle (every task completed by its role through the Java API, every job executed, the
 * measurement period ended by firing its timer) divided by the cost of a bare Camunda process with the same number
 * of user tasks (given the same form data), jobs, timers and service tasks, whose delegates do nothing — both
 * driven by the same code in the same run, alternating. Target: at most 1.5.
 */
@EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
@Import(StatementCounter.class)
class CycleCostBenchmark extends CycleSteps {

    static final int WARM_UP = 10;
    static final int RUNS = 30;

    @Autowired HistoryService historyService;
    @Autowired AuthorizationSetup authorizations;
    @Autowired DataSource dataSource;

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        String url = PostgresSupport.freshDatabase("learning_cycle_cost");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresSupport.USER);
        registry.add("spring.datasource.password", () -> PostgresSupport.PASSWORD);
        registry.add("camunda.bpm.database.type", () -> "postgres");
    }

    /** Who completes which task of a learning cycle, with what. */
    static Map<String, Object> answer(String taskKey) {
        return switch (taskKey) {
            case LearningCycleProcess.TASK_TRIAGE -> Map.of(TRIAGE_DECISION, "ACCEPT");
            case LearningCycleProcess.TASK_PLAN -> plan();
            case OversightReviewProcess.TASK_REVIEW_PLAN -> Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE");
            case UnitRolloutProcess.TASK_CONFIRM_GO_LIVE -> Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString(), UnitRolloutProcess.FIDELITY_NOTES, "as planned");
            case LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS -> Map.of(MEASUREMENT_CSV, weeklyProportions(TODAY, 10, 20, 10, 8), BALANCING_MEASURE_HARMED, false);
            case LearningCycleProcess.TASK_INTERPRET -> Map.of(INTERPRETATION, "It worked on nights", LESSONS_LEARNED, "Start with nights");
            case LearningCycleProcess.TASK_DECIDE -> Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Sustained improvement");
            default -> throw new IllegalStateException("No answer for " + taskKey);
        };
    }

    static String user(String taskKey) {
        return switch (taskKey) {
            case LearningCycleProcess.TASK_TRIAGE, LearningCycleProcess.TASK_DECIDE -> "manager";
            case OversightReviewProcess.TASK_REVIEW_PLAN -> "irb";
            case UnitRolloutProcess.TASK_CONFIRM_GO_LIVE -> "champion";
            default -> "lead";
        };
    }

    @Test
    void automatedCycleAgainstABareProcessOfTheSameShape() throws SQLException {
        List<Map<String, Object>> answers = new ArrayList<>();
        String first = projectKey(startProject("lead", challenge("Shape of a cycle")));
        drive(first, task -> {
            Map<String, Object> values = answer(task.getTaskDefinitionKey());
            answers.add(values);
            return values;
        }, task -> user(task.getTaskDefinitionKey()));
        BareProcess.Shape shape;
        try (Connection db = dataSource.getConnection()) {
            shape = BareProcess.shapeOf(db, first);
        }
        deployBare(shape);
        STEPS.clear();

        int[] bareNumber = {0};
        List<Map<String, Object>> replay = List.copyOf(answers);
        Runnable cycle = () -> {
            long start = System.nanoTime();
            long statements = StatementCounter.STATEMENTS.get();
            String key = projectKey(startProject("lead", challenge("Benchmark cycle")));
            step(key, "start", start, statements);
            drive(key, task -> answer(task.getTaskDefinitionKey()), task -> user(task.getTaskDefinitionKey()));
        };
        Runnable bare = () -> {
            String key = "BARE-" + bareNumber[0]++;
            long start = System.nanoTime();
            long statements = StatementCounter.STATEMENTS.get();
            as("lead", () -> runtimeService.startProcessInstanceByKey(BareProcess.KEY, key, challenge("Bare")));
            step(key, "start", start, statements);
            int[] next = {0};
            drive(key, task -> replay.get(next[0]++ % replay.size()), task -> "lead");
        };
        for (int i = 0; i < WARM_UP; i++) {
            cycle.run();
            bare.run();
        }
        double[] cycleMillis = new double[RUNS];
        double[] bareMillis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            cycleMillis[i] = millis(cycle);
            bareMillis[i] = millis(bare);
        }
        // what the statements of one cycle and of one bare run do
        Map<String, Integer> cycleKinds = new java.util.concurrent.ConcurrentHashMap<>();
        StatementCounter.kinds = cycleKinds;
        cycle.run();
        Map<String, Integer> bareKinds = new java.util.concurrent.ConcurrentHashMap<>();
        StatementCounter.kinds = bareKinds;
        bare.run();
        StatementCounter.kinds = null;
        Timing cycleTiming = Timing.of(cycleMillis);
        Timing bareTiming = Timing.of(bareMillis);
        System.out.printf(Locale.ROOT, "%nShape of one learning cycle: %s%nAutomated learning cycle: median %.1f ms, p95 %.1f ms%n"
                        + "Bare process of the same shape: median %.1f ms, p95 %.1f ms%nCost ratio (medians): %.2f (target <= 1.5)%n%n",
                shape, cycleTiming.median(), cycleTiming.p95(), bareTiming.median(), bareTiming.p95(), cycleTiming.median() / bareTiming.median());
        System.out.println("SQL statements of one run, by kind (cycle / bare):");
        java.util.Set<String> allKinds = new java.util.TreeSet<>(cycleKinds.keySet());
        allKinds.addAll(bareKinds.keySet());
        allKinds.stream().sorted(Comparator.comparing((String k) -> -cycleKinds.getOrDefault(k, 0) + bareKinds.getOrDefault(k, 0)))
                .forEach(k -> System.out.printf(Locale.ROOT, "  %-50s %5d %5d%n", k, cycleKinds.getOrDefault(k, 0), bareKinds.getOrDefault(k, 0)));
        int cycles = WARM_UP + RUNS + 1;
        System.out.println("Per step, averaged over the cycles (driver's own queries excluded):");
        STEPS.forEach((step, sums) -> System.out.printf(Locale.ROOT, "  %-50s %7.1f ms %6.1f SQL statements%n", step, sums[0] / cycles, sums[1] / cycles));
    }

    void deployBare(BareProcess.Shape shape) {
        BpmnModelInstance model = BareProcess.model(shape);
        engine.getRepositoryService().createDeployment().name("bare-cycle").addModelInstance("bare-cycle.bpmn", model).deploy();
        authorizations.grant("project-leads", Resources.PROCESS_DEFINITION, "bare-cycle", ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizations.grant("project-leads", Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }

    /**
     * Runs a process (and the processes it calls) to its end: due jobs first, then the open tasks, each completed by
     * its person; when nothing else is left, the next timer fires (time passing).
     */
    void drive(String key, java.util.function.Function<Task, Map<String, Object>> answer, java.util.function.Function<Task, String> user) {
        for (int step = 0; step < 500; step++) {
            List<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
                    .map(ProcessInstance::getId).toList();
            if (instances.isEmpty()) {
                return;
            }
            List<Job> jobs = new ArrayList<>();
            for (String instance : instances) {
                jobs.addAll(managementService.createJobQuery().processInstanceId(instance).list());
            }
            Job due = jobs.stream().filter(j -> j.getDuedate() == null || !j.getDuedate().after(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()))
                    .findFirst().orElse(null);
            if (due != null) {
                String label = "job " + activityOf(due);
                long start = System.nanoTime();
                long statements = StatementCounter.STATEMENTS.get();
                managementService.executeJob(due.getId());
                step(key, label, start, statements);
                continue;
            }
            List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(key).list();
            if (!tasks.isEmpty()) {
                for (Task task : tasks) {
                    long start = System.nanoTime();
                    long statements = StatementCounter.STATEMENTS.get();
                    completeTask(user.apply(task), task, new HashMap<>(answer.apply(task)));
                    step(key, "task " + task.getTaskDefinitionKey(), start, statements);
                }
                continue;
            }
            Job timer = jobs.stream().filter(j -> j.getDuedate() != null).min(Comparator.comparing(Job::getDuedate))
                    .orElseThrow(() -> new IllegalStateException(key + " is stuck: no job, no task"));
            managementService.executeJob(timer.getId());
        }
        throw new IllegalStateException(key + " did not end within 500 steps");
    }

    /** Milliseconds and SQL statements per step, summed over every cycle driven. */
    static final Map<String, double[]> STEPS = new java.util.TreeMap<>();

    static void step(String key, String step, long startNanos, long statementsBefore) {
        double[] sums = STEPS.computeIfAbsent((key.startsWith("BARE") ? "bare " : "cycle ") + step, s -> new double[2]);
        sums[0] += (System.nanoTime() - startNanos) / 1e6;
        sums[1] += StatementCounter.STATEMENTS.get() - statementsBefore;
    }

    /** Activity of each job definition, looked up once (not inside a timed step). */
    private final Map<String, String> activities = new HashMap<>();

    String activityOf(Job job) {
        return activities.computeIfAbsent(job.getJobDefinitionId(),
                id -> managementService.createJobDefinitionQuery().jobDefinitionId(id).singleResult().getActivityId());
    }

    static double millis(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
