package org.learninghealth.cycle.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.nodes.CycleDriver.*;
import static org.learninghealth.cycle.nodes.Sql.count;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.PostgresSupport;
import org.learninghealth.cycle.evidence.PubMedStub;
import org.learninghealth.cycle.project.LearningCycleProcess;

/**
 * Nothing is lost when the application is killed (SIGKILL) in the middle of many running cycles with jobs in
 * flight: after a restart every project, task, variable, measurement and knowledge record is still there, every
 * acknowledged step stays done, and every job completes. On the embedded H2 file database and on PostgreSQL.
 */
class CrashRecoveryIT {

    /** A slow PubMed keeps evidence lookups (jobs) running when the node is killed. */
    private static final Duration SLOW_PUBMED = Duration.ofMillis(1500);
    private static final int BURST = 12;

    private final PubMedStub pubMed = new PubMedStub();

    @BeforeEach
    void startPubMed() {
        pubMed.start().answering();
    }

    @AfterEach
    void stopPubMed() {
        pubMed.stop();
    }

    @Test
    void onTheEmbeddedH2FileDatabase() throws Exception {
        Path dir = Path.of("target", "crash-h2").toAbsolutePath();
        deleteRecursively(dir);
        // as the embedded default (WRITE_DELAY=0); AUTO_SERVER lets this test read the file database the node has open
        String url = "jdbc:h2:file:" + dir.resolve("learning-cycle") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        crashAndRecover("crash-h2", Map.of("LC_DB_URL", url, "LC_DB_USER", "sa", "LC_DB_PASSWORD", ""), url, "sa", "");
    }

    @Test
    @EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
    void onPostgreSql() throws Exception {
        String url = PostgresSupport.freshDatabase("learning_cycle_crash");
        crashAndRecover("crash-pg", Map.of("SPRING_PROFILES_ACTIVE", "postgres", "LC_DB_URL", url, "LC_DB_USER", PostgresSupport.USER,
                "LC_DB_PASSWORD", PostgresSupport.PASSWORD), url, PostgresSupport.USER, PostgresSupport.PASSWORD);
    }

    private void crashAndRecover(String name, Map<String, String> env, String url, String user, String password) throws Exception {
        List<String> args = List.of("--learning-cycle.demo.enabled=true", "--learning-cycle.demo.projects=true",
                "--learning-cycle.evidence.pubmed.enabled=true", "--learning-cycle.evidence.pubmed.base-url=" + pubMed.baseUrl(),
                "--learning-cycle.evidence.pubmed.email=crash-test@example.org",
                "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
                // a dead node's locks on jobs expire after 10 s (not 60 s), so the test need not wait long
                "--camunda.bpm.job-execution.lock-time-in-millis=10000");

        AppNode node = AppNode.start(name + "-before", env, args);
        DatabaseSnapshot before;
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<String> triaged = Collections.synchronizedList(new ArrayList<>());
        long jobsInFlight;
        try {
            NodeClient client = node.client();
            // finished cycles: measurements, go-lives, knowledge records (besides the demo projects)
            for (int i = 0; i < 2; i++) {
                String key = start(client, "Finished before the crash " + i);
                triage(client, key);
                plan(client, key);
                approve(client, key);
                goLive(client, key);
                endMeasurementPeriod(client, key);
                submitMeasurements(client, key);
                interpret(client, key);
                adopt(client, key);
            }
            try (Connection db = DriverManager.getConnection(url, user, password)) {
                Sql.awaitNoJobDue(db);
                before = DatabaseSnapshot.of(db);
                for (int i = 0; i < BURST; i++) {
                    started.add(start(client, "Started before the crash " + i));
                }
                pubMed.slowedBy(SLOW_PUBMED);
                ExecutorService managers = Executors.newFixedThreadPool(3);
                List<Future<?>> triages = new ArrayList<>();
                for (String key : List.copyOf(started)) {
                    triages.add(managers.submit(() -> {
                        triage(client, key);
                        triaged.add(key);
                    }));
                }
                for (Future<?> triage : triages) {
                    triage.get();
                }
                managers.shutdown();
                jobsInFlight = await(() -> {
                    long locked = count(db, "select count(*) from act_ru_job where lock_owner_ is not null");
                    return locked > 0 ? locked : null;
                }, "evidence lookups running");
            }
            // more requests arriving while the node dies
            AtomicBoolean dying = new AtomicBoolean();
            Thread arriving = new Thread(() -> {
                for (int i = 0; !dying.get() || i < 3; i++) {
                    try {
                        started.add(start(client, "Arriving during the crash " + i));
                    } catch (RuntimeException refused) {
                        return;
                    }
                }
            });
            arriving.start();
            AppNode.sleep(Duration.ofMillis(300));
            dying.set(true);
            node.kill();
            arriving.join();
        } finally {
            node.close();
        }
        int searchesBeforeCrash = pubMed.searches();

        pubMed.slowedBy(Duration.ZERO);
        try (AppNode restarted = AppNode.start(name + "-after", env, args);
                Connection db = DriverManager.getConnection(url, user, password)) {
            Sql.awaitNoJobDue(db);
            assertThat(count(db, "select count(*) from act_ru_incident")).as("incidents").isZero();
            DatabaseSnapshot after = DatabaseSnapshot.of(db);
            System.out.printf("%s: %d jobs in flight at the kill; before: %s; after: %s; PubMed searches %d before the restart, %d in all%n", name,
                    jobsInFlight, before.sizes(), after.sizes(), searchesBeforeCrash, pubMed.searches());
            assertThat(before.missingFrom(after)).as("rows lost in the crash").isEmpty();

            for (String key : List.copyOf(started)) {
                assertThat(count(db, "select count(*) from act_hi_procinst where business_key_ = '" + key + "'")).as(key).isEqualTo(1);
            }
            for (String key : List.copyOf(triaged)) {
                String instance = single(db, "select id_ from act_hi_procinst where business_key_ = '" + key + "' and proc_def_key_ = '"
                        + LearningCycleProcess.KEY + "'");
                assertThat(count(db, "select count(*) from act_hi_taskinst where proc_inst_id_ = '" + instance + "' and task_def_key_ = '"
                        + LearningCycleProcess.TASK_TRIAGE + "' and end_time_ is not null")).as(key + " triaged").isEqualTo(1);
                assertThat(count(db, "select count(*) from act_ru_task where proc_inst_id_ = '" + instance + "' and task_def_key_ = '"
                        + LearningCycleProcess.TASK_PLAN + "'")).as(key + " waits for its plan").isEqualTo(1);
                assertThat(count(db, "select count(*) from act_ru_variable where proc_inst_id_ = '" + instance + "' and name_ = 'evidence'"))
                        .as(key + " evidence").isEqualTo(1);
            }
            // the lookups that were running when the node died ran again after the restart
            assertThat(pubMed.searches()).isGreaterThan(searchesBeforeCrash);
        }
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
