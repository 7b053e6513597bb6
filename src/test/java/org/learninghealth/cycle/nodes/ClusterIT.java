package org.learninghealth.cycle.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.nodes.CycleDriver.*;
import static org.learninghealth.cycle.nodes.Sql.count;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.PostgresSupport;
import org.learninghealth.cycle.project.LearningCycleProcess;

/**
 * Two application nodes on one PostgreSQL database, as a hospital would run them behind a load balancer: every
 * job and timer runs exactly once, work started on one node is finished on the other, and a login on one node is a
 * login on both (sessions in the database).
 */
@EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
class ClusterIT {

    private static final String DATABASE = "learning_cycle_cluster";
    private static String url;
    private static AppNode a;
    private static AppNode b;

    @BeforeAll
    static void twoNodes() {
        url = PostgresSupport.freshDatabase(DATABASE);
        Map<String, String> env = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "LC_DB_URL", url, "LC_DB_USER", PostgresSupport.USER,
                "LC_DB_PASSWORD", PostgresSupport.PASSWORD);
        List<String> args = List.of("--learning-cycle.demo.enabled=true", "--learning-cycle.demo.projects=false",
                // idle job executors look for work every second, not every minute
                "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
                // a triage gate due in 16 s: reminder after 8 s, escalation after 20 s
                "--learning-cycle.gates.due.triage=PT16S", "--learning-cycle.gates.escalate-after=PT4S");
        a = AppNode.start("cluster-a", env, args);
        b = AppNode.start("cluster-b", env, args);
    }

    @AfterAll
    static void stop() {
        for (AppNode node : new AppNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void workStartedOnOneNodeIsFinishedOnTheOtherAndEveryJobAndTimerRunsExactlyOnce() throws SQLException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keys.add(start(node(i), "Cluster project " + i));
        }
        List<String> waiting = List.of(start(a.client(), "Left for the reminder"), start(b.client(), "Left for the escalation"));
        for (int i = 0; i < keys.size(); i++) {
            triage(other(i), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            plan(node(i), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            approve(other(i), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            goLive(node(i), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            endMeasurementPeriod(other(i), keys.get(i));
            submitMeasurements(node(i), keys.get(i));
            interpret(other(i), keys.get(i));
            adopt(node(i), keys.get(i));
        }
        try (Connection db = connect()) {
            for (String key : keys) {
                await(() -> count(db, "select count(*) from knowledge_record where project_key = '" + key + "'") == 1 ? true : null,
                        key + ": knowledge captured");
                assertThat(count(db, "select count(*) from act_hi_actinst a join act_hi_procinst p on a.proc_inst_id_ = p.id_ where p.business_key_ = '"
                        + key + "' and a.act_id_ = '" + LearningCycleProcess.SUB_SUSTAIN + "' and a.end_time_ is null")).as(key + " monitored").isEqualTo(1);
            }
            for (String key : waiting) {
                await(() -> count(db, "select count(*) from act_hi_comment c join act_hi_procinst p on c.proc_inst_id_ = p.id_ where p.business_key_ = '"
                        + key + "' and c.message_ like 'Escalated:%'") == 1 ? true : null, key + ": escalation");
                assertThat(count(db, "select count(*) from act_hi_comment c join act_hi_procinst p on c.proc_inst_id_ = p.id_ where p.business_key_ = '"
                        + key + "' and c.message_ like 'Reminder:%'")).as(key + " reminders").isEqualTo(1);
            }
            Sql.awaitNoJobDue(db);

            // each job that ran, ran on one node exactly once; both nodes ran jobs; timers are jobs too
            assertThat(count(db, "select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 group by job_id_ having count(*) > 1) twice"))
                    .as("jobs that succeeded more than once").isZero();
            assertThat(count(db, "select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 0 and job_id_ not in "
                    + "(select job_id_ from act_hi_job_log where job_state_ in (2, 3)) and job_id_ not in (select id_ from act_ru_job)) lost"))
                    .as("jobs created but neither run, deleted nor still waiting").isZero();
            assertThat(count(db, "select count(*) from act_ru_incident")).as("incidents").isZero();
            Map<String, Long> perNode = perNode(db);
            long timers = count(db, "select count(*) from act_hi_job_log where job_state_ = 2 and job_def_type_ like 'timer%'");
            System.out.println("Jobs run per node: " + perNode + ", timers among them: " + timers);
            assertThat(perNode).containsOnlyKeys("cluster-a", "cluster-b");
            assertThat(timers).as("timers fired").isGreaterThanOrEqualTo(keys.size() + 2L * waiting.size());
        }
    }

    @Test
    void aLoginThroughOneNodeIsALoginOnTheOtherAndALogoutEndsItOnBoth() {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> cookies = new HashMap<>();
        send(http, HttpRequest.newBuilder(URI.create(a.baseUrl() + "/camunda/app/tasklist/default/")).GET(), cookies);
        String login = "username=lead&password=lead";
        HttpResponse<String> loggedIn = send(http, HttpRequest.newBuilder(URI.create(a.baseUrl() + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
                .POST(HttpRequest.BodyPublishers.ofString(login)), cookies);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
        assertThat(cookies).containsKey("SESSION");

        HttpResponse<String> onB = send(http, HttpRequest.newBuilder(URI.create(b.baseUrl() + "/camunda/api/admin/auth/user/default")).GET(), cookies);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("\"userId\":\"lead\"");
        HttpResponse<String> tasksOnB = send(http, HttpRequest.newBuilder(URI.create(b.baseUrl() + "/camunda/api/engine/engine/default/task/count")).GET(), cookies);
        assertThat(tasksOnB.statusCode()).as(tasksOnB.body()).isEqualTo(200);

        HttpResponse<String> logout = send(http, HttpRequest.newBuilder(URI.create(b.baseUrl() + "/camunda/api/admin/auth/user/default/logout"))
                .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", "")).POST(HttpRequest.BodyPublishers.noBody()), cookies);
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        HttpResponse<String> afterLogout = send(http, HttpRequest.newBuilder(URI.create(a.baseUrl() + "/camunda/api/admin/auth/user/default")).GET(), cookies);
        assertThat(afterLogout.statusCode()).isIn(401, 404);
    }

    private static NodeClient node(int i) {
        return (i % 2 == 0 ? a : b).client();
    }

    private static NodeClient other(int i) {
        return (i % 2 == 0 ? b : a).client();
    }

    /** Sends with the cookies collected so far and collects the ones the reply sets. */
    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> perNode(Connection db) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(
                "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD);
    }
}
