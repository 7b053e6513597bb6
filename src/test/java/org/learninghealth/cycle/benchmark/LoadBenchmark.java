package org.learninghealth.cycle.benchmark;

import static org.learninghealth.cycle.nodes.CycleDriver.*;
import static org.learninghealth.cycle.nodes.Sql.count;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.CycleTestSupport;
import org.learninghealth.cycle.PostgresSupport;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.learninghealth.cycle.nodes.AppNode;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.nodes.NodeClient;
import org.learninghealth.cycle.nodes.Sql;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=LoadBenchmark}, {@code -Dload.users=50 -Dload.seconds=120}):
 * the application in its own JVM on PostgreSQL, and 50 simulated people working learning cycles over the REST API
 * for a fixed time — each starts a project and works it to adoption, every step as its role (lead, manager, IRB,
 * champion; an operator ends the measurement period). Prints throughput, latency percentiles per kind of request,
 * errors, and lost tasks (acknowledged completions missing from the database, or projects stuck with neither a task
 * nor a job). Targets: zero errors, zero lost tasks.
 */
@EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
class LoadBenchmark {

    static final int USERS = Integer.getInteger("load.users", 50);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("load.seconds", 120));

    final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    final AtomicInteger acknowledgedCompletions = new AtomicInteger();
    final AtomicInteger cyclesDone = new AtomicInteger();
    final List<String> projects = Collections.synchronizedList(new ArrayList<>());

    @Test
    void fiftyPeopleWorkingCyclesOverRest() throws Exception {
        String url = PostgresSupport.freshDatabase("learning_cycle_load");
        Map<String, String> env = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "LC_DB_URL", url, "LC_DB_USER", PostgresSupport.USER,
                "LC_DB_PASSWORD", PostgresSupport.PASSWORD);
        try (AppNode node = AppNode.start("load", env, List.of("--learning-cycle.demo.enabled=true", "--learning-cycle.demo.projects=false",
                "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000"))) {
            NodeClient client = node.client().recordingTo((kind, status, nanos) -> {
                latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
                if (status == 0 || status >= 500 || (status >= 400 && !kind.endsWith("/claim"))) {
                    errors.computeIfAbsent(kind + " -> " + status, k -> new AtomicInteger()).incrementAndGet();
                }
                if (status == 204 && kind.endsWith("/submit-form")) {
                    acknowledgedCompletions.incrementAndGet();
                }
            });
            long deadline = System.nanoTime() + DURATION.toNanos();
            CountDownLatch done = new CountDownLatch(USERS);
            long started = System.nanoTime();
            for (int u = 0; u < USERS; u++) {
                int user = u;
                new Thread(() -> {
                    try {
                        for (int n = 0; System.nanoTime() < deadline; n++) {
                            workOneCycle(client, "Load person " + user + " cycle " + n);
                        }
                    } finally {
                        done.countDown();
                    }
                }, "person-" + u).start();
            }
            done.await();
            double seconds = (System.nanoTime() - started) / 1e9;
            report(seconds, url);
            costOverRest(node.client(), url);
        }
    }

    /**
     * In the same run, on the same node, now without other load: one learning cycle worked over REST from start to
     * adoption, against a bare process of the same shape — both by the same client code: the open tasks of the
     * project (as an administrator sees them) each claimed and submitted by its role, the jobs left to the job
     * executor, and when only a future timer is left, an operator fires it. Alternating, after a warm-up.
     */
    private void costOverRest(NodeClient client, String url) throws Exception {
        BareProcess.Shape shape;
        try (Connection db = DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD)) {
            shape = BareProcess.shapeOf(db, projects.get(0));
        }
        NodeClient.expectOk(client.postMultipart("admin", "/engine-rest/deployment/create", Map.of("deployment-name", BareProcess.KEY),
                BareProcess.KEY + ".bpmn", Bpmn.convertToString(BareProcess.model(shape))), "deploy the bare process");
        NodeClient.expectOk(client.post("admin", "/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("READ", "CREATE_INSTANCE"),
                "groupId", "project-leads", "resourceType", 6, "resourceId", BareProcess.KEY)), "let leads start it");
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String task : List.of(LearningCycleProcess.TASK_TRIAGE, LearningCycleProcess.TASK_PLAN, OversightReviewProcess.TASK_REVIEW_PLAN,
                UnitRolloutProcess.TASK_CONFIRM_GO_LIVE, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS,
                LearningCycleProcess.TASK_INTERPRET, LearningCycleProcess.TASK_DECIDE)) {
            answers.add(CycleCostBenchmark.answer(task));
        }
        int warmUp = 3;
        int runs = Integer.getInteger("load.costRuns", 10);
        double[] cycle = new double[runs];
        double[] bare = new double[runs];
        for (int i = -warmUp; i < runs; i++) {
            long start = System.nanoTime();
            String key = start(client, "Cost of a cycle " + i);
            work(client, key, task -> CycleCostBenchmark.answer(task.get("taskDefinitionKey").asText()));
            double cycleMillis = (System.nanoTime() - start) / 1e6;

            start = System.nanoTime();
            String bareKey = "BARE-" + i;
            NodeClient.expectOk(client.post("lead", "/engine-rest/process-definition/key/" + BareProcess.KEY + "/start",
                    Map.of("businessKey", bareKey, "variables", CycleTestSupport.typed(CycleTestSupport.challenge("Bare")))),
                    "start " + bareKey);
            int[] next = {0};
            work(client, bareKey, task -> answers.get(next[0]++ % answers.size()));
            double bareMillis = (System.nanoTime() - start) / 1e6;
            if (i >= 0) {
                cycle[i] = cycleMillis;
                bare[i] = bareMillis;
            }
        }
        Timing cycleTiming = Timing.of(cycle);
        Timing bareTiming = Timing.of(bare);
        System.out.printf(Locale.ROOT, "Cost over REST, same node, no other load (%s):%n  learning cycle median %.0f ms (p95 %.0f), bare process "
                        + "median %.0f ms (p95 %.0f), ratio %.2f (target <= 1.5)%n%n", shape, cycleTiming.median(), cycleTiming.p95(),
                bareTiming.median(), bareTiming.p95(), cycleTiming.median() / bareTiming.median());
    }

    /** Works a project (or bare process) to its end over REST; see {@link #costOverRest}. */
    private static void work(NodeClient client, String key, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, Map<String, Object>> answer) {
        for (int step = 0; step < 5000; step++) {
            com.fasterxml.jackson.databind.JsonNode tasks = NodeClient.expectOk(client.get("admin",
                    "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + key), "tasks").body();
            if (!tasks.isEmpty()) {
                for (com.fasterxml.jackson.databind.JsonNode task : tasks) {
                    String user = CycleCostBenchmark.user(task.get("taskDefinitionKey").asText());
                    NodeClient.expectOk(client.submit(user, task.get("id").asText(), answer.apply(task)), key + " " + task.get("taskDefinitionKey").asText());
                }
                continue;
            }
            if (NodeClient.expectOk(client.get("admin", "/engine-rest/process-instance/count?businessKey=" + key), "instances").body().get("count").asLong() == 0) {
                return;
            }
            com.fasterxml.jackson.databind.JsonNode jobs = NodeClient.expectOk(client.get("admin", "/engine-rest/job?maxResults=50"), "jobs").body();
            String timer = null;
            boolean onlyFutureTimers = !jobs.isEmpty();
            for (com.fasterxml.jackson.databind.JsonNode job : jobs) {
                boolean future = job.hasNonNull("dueDate") && java.time.OffsetDateTime.parse(job.get("dueDate").asText(),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).isAfter(java.time.OffsetDateTime.now());
                onlyFutureTimers &= future;
                timer = future && timer == null ? job.get("id").asText() : timer;
            }
            if (onlyFutureTimers) {
                NodeClient.expectOk(client.post("admin", "/engine-rest/job/" + timer + "/execute", Map.of()), key + " timer");
            } else {
                AppNode.sleep(Duration.ofMillis(20));
            }
        }
        throw new AssertionError(key + " did not end");
    }

    private void workOneCycle(NodeClient client, String title) {
        try {
            projects.add(runCycle(client, title));
            cyclesDone.incrementAndGet();
        } catch (RuntimeException | AssertionError e) {
            errors.computeIfAbsent("cycle abandoned: " + e.getMessage().lines().findFirst().orElse(""), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** One project from challenge to adoption, every step as its role; @return its key */
    private static String runCycle(NodeClient client, String title) {
        String key = start(client, title);
        for (BiConsumer<NodeClient, String> step : List.<BiConsumer<NodeClient, String>>of(
                (c, k) -> triage(c, k), (c, k) -> plan(c, k), (c, k) -> approve(c, k), (c, k) -> goLive(c, k),
                (c, k) -> endMeasurementPeriod(c, k), (c, k) -> submitMeasurements(c, k), (c, k) -> interpret(c, k), (c, k) -> adopt(c, k))) {
            step.accept(client, key);
        }
        return key;
    }

    private void report(double seconds, String url) throws Exception {
        long requests = latencies.values().stream().mapToLong(List::size).sum();
        System.out.printf(Locale.ROOT, "%nLoadBenchmark: %d people for %.0f s on PostgreSQL, one node%n", USERS, seconds);
        System.out.printf(Locale.ROOT, "  %d requests (%.1f/s), %d tasks completed (%.1f/s), %d projects started, %d cycles worked to adoption%n",
                requests, requests / seconds, acknowledgedCompletions.get(), acknowledgedCompletions.get() / seconds, projects.size(), cyclesDone.get());
        System.out.printf(Locale.ROOT, "  %-58s %7s %8s %8s %8s %8s%n", "request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        latencies.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Timing timing = Timing.of(e.getValue().stream().mapToDouble(nanos -> nanos / 1e6).toArray());
            System.out.printf(Locale.ROOT, "  %-58s %7d %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), e.getValue().size(), timing.median(), timing.p95(),
                    timing.percentile(0.99), timing.percentile(1.0));
        });
        System.out.println("  errors: " + (errors.isEmpty() ? "none" : errors));

        // let the job executor finish, then look for what was lost
        try (Connection db = DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD)) {
            Sql.awaitNoJobDue(db);
            long completed = count(db, "select count(*) from act_hi_taskinst where end_time_ is not null and delete_reason_ = 'completed'");
            long stuck = count(db, "select count(*) from act_ru_execution e where e.parent_id_ is null and e.business_key_ like 'LC-%' "
                    + "and not exists (select 1 from act_ru_task t where t.proc_inst_id_ = e.id_) "
                    + "and not exists (select 1 from act_ru_job j where j.process_instance_id_ = e.id_) "
                    + "and not exists (select 1 from act_ru_execution c where c.super_exec_ in (select id_ from act_ru_execution x where x.proc_inst_id_ = e.id_))");
            long incidents = count(db, "select count(*) from act_ru_incident");
            System.out.printf(Locale.ROOT, "  lost tasks: %d (acknowledged %d, completed in the database %d); stuck projects: %d; incidents: %d%n%n",
                    Math.max(0, acknowledgedCompletions.get() - completed), acknowledgedCompletions.get(), completed, stuck, incidents);
        }
    }

}
