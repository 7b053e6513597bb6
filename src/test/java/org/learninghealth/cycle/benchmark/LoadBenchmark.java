package org.learninghealth.cycle.benchmark;

import static org.learninghealth.cycle.nodes.CycleDriver.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.learninghealth.cycle.PostgresSupport;
import org.learninghealth.cycle.nodes.AppNode;
import org.learninghealth.cycle.nodes.NodeClient;

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
        }
    }

    private void workOneCycle(NodeClient client, String title) {
        String key = null;
        try {
            key = start(client, title);
            projects.add(key);
            for (BiConsumer<NodeClient, String> step : List.<BiConsumer<NodeClient, String>>of(
                    (c, k) -> triage(c, k), (c, k) -> plan(c, k), (c, k) -> approve(c, k), (c, k) -> goLive(c, k),
                    (c, k) -> endMeasurementPeriod(c, k), (c, k) -> submitMeasurements(c, k), (c, k) -> interpret(c, k), (c, k) -> adopt(c, k))) {
                step.accept(client, key);
            }
            cyclesDone.incrementAndGet();
        } catch (RuntimeException | AssertionError e) {
            errors.computeIfAbsent("cycle abandoned: " + e.getMessage().lines().findFirst().orElse(""), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void report(double seconds, String url) throws Exception {
        long requests = latencies.values().stream().mapToLong(List::size).sum();
        System.out.printf(Locale.ROOT, "%nLoadBenchmark: %d people for %.0f s on PostgreSQL, one node%n", USERS, seconds);
        System.out.printf(Locale.ROOT, "  %d requests (%.1f/s), %d tasks completed (%.1f/s), %d projects started, %d cycles worked to adoption%n",
                requests, requests / seconds, acknowledgedCompletions.get(), acknowledgedCompletions.get() / seconds, projects.size(), cyclesDone.get());
        System.out.printf(Locale.ROOT, "  %-58s %7s %8s %8s %8s %8s%n", "request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        latencies.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-58s %7d %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), sorted.length, at(sorted, 0.5), at(sorted, 0.95),
                    at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        });
        System.out.println("  errors: " + (errors.isEmpty() ? "none" : errors));

        // let the job executor finish, then look for what was lost
        try (Connection db = DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD)) {
            await(() -> count(db, "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())") == 0 ? true : null,
                    "jobs done");
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

    private static double at(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long count(Connection db, String sql) {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
