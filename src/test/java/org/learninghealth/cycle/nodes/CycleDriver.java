package org.learninghealth.cycle.nodes;

import static org.learninghealth.cycle.nodes.NodeClient.expectOk;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.CycleTestSupport;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;

/**
 * Drives learning cycles over the REST API of running nodes, each step through the node the caller names, waiting
 * (without moving any clock) for the job executors to bring a project to its next task.
 */
public final class CycleDriver {

    static final Duration STEP_WITHIN = Duration.ofSeconds(90);
    static final Duration POLL = Duration.ofMillis(250);
    /** Live ten weeks ago, so the baseline and intervention weeks of the data are all in the past. */
    static final LocalDate GO_LIVE = LocalDate.now().minusWeeks(10);

    private CycleDriver() {
    }

    public static String start(NodeClient node, String title) {
        return node.start("lead", CycleTestSupport.challenge(title));
    }

    public static void triage(NodeClient node, String key) {
        submitWhenThere(node, "manager", key, LearningCycleProcess.TASK_TRIAGE, Map.of(TRIAGE_DECISION, "ACCEPT"));
    }

    /** Waits for the evidence lookup (a job) to offer the plan, then plans. */
    public static void plan(NodeClient node, String key) {
        submitWhenThere(node, "lead", key, LearningCycleProcess.TASK_PLAN, CycleTestSupport.plan());
    }

    public static void approve(NodeClient node, String key) {
        submitWhenThere(node, "irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
    }

    /** Confirms go-live on both units of the plan, once the rollout jobs have offered the tasks. */
    public static void goLive(NodeClient node, String key) {
        List<String> tasks = await(() -> {
            List<String> ids = node.taskIds("champion", key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE);
            return ids.size() == 2 ? ids : null;
        }, key + ": both go-live tasks");
        for (String task : tasks) {
            expectOk(node.submit("champion", task, Map.of(UnitRolloutProcess.GO_LIVE_DATE, GO_LIVE.toString(),
                    UnitRolloutProcess.FIDELITY_NOTES, "as planned")), key + ": go-live");
        }
    }

    /** An operator ends the measurement period early: executes the project's measurement timer as an administrator. */
    public static void endMeasurementPeriod(NodeClient node, String key) {
        String instance = instanceId(node, key);
        String timer = await(() -> {
            JsonNode jobs = expectOk(node.get("admin", "/engine-rest/job?maxResults=10&timers=true&activityId=Timer_MeasurementPeriod&processInstanceId=" + instance),
                    "timer query").body();
            return jobs.isEmpty() ? null : jobs.get(0).get("id").asText();
        }, key + ": measurement timer");
        expectOk(node.post("admin", "/engine-rest/job/" + timer + "/execute", Map.of()), key + ": measurement timer");
    }

    public static void submitMeasurements(NodeClient node, String key) {
        submitWhenThere(node, "lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS,
                Map.of(MEASUREMENT_CSV, CycleSteps.weeklyProportions(GO_LIVE, 10, 20, 10, 8), BALANCING_MEASURE_HARMED, false));
    }

    public static void interpret(NodeClient node, String key) {
        submitWhenThere(node, "lead", key, LearningCycleProcess.TASK_INTERPRET,
                Map.of(INTERPRETATION, "Rounding stuck on " + key, LESSONS_LEARNED, "Start with the night shift"));
    }

    public static void adopt(NodeClient node, String key) {
        submitWhenThere(node, "manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Sustained improvement"));
    }

    public static String instanceId(NodeClient node, String key) {
        JsonNode instances = expectOk(node.get("admin", "/engine-rest/process-instance?maxResults=10&processDefinitionKey=" + LearningCycleProcess.KEY
                + "&businessKey=" + key), "instance query").body();
        if (instances.size() != 1) {
            throw new AssertionError("Expected one running learning cycle " + key + ", found " + instances);
        }
        return instances.get(0).get("id").asText();
    }

    private static void submitWhenThere(NodeClient node, String user, String key, String taskKey, Map<String, Object> values) {
        String task = await(() -> {
            List<String> ids = node.taskIds(user, key, taskKey);
            return ids.isEmpty() ? null : ids.get(0);
        }, key + ": " + taskKey + " for " + user);
        expectOk(node.submit(user, task, values), key + ": " + user + " submits " + taskKey);
    }

    /** Polls until the supplier gives a value; fails naming what never came. */
    public static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + STEP_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            AppNode.sleep(POLL);
        }
        throw new AssertionError("Not there within " + STEP_WITHIN + ": " + what);
    }
}
