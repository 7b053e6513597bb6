package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleTestSupport;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=PortfolioBenchmark}): {@code GET /api/portfolio} as a manager
 * with 500 and with 5,000 active projects (H2 in memory): median and p95 response time, their ratio, and the SQL
 * statements one request sends (counted at the JDBC connection). Targets: the statement count does not grow with
 * the number of projects; time ratio at most 2.5.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounter.class)
class PortfolioBenchmark extends CycleTestSupport {

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtime;

    private void projects(int count) {
        Map<String, Object> challenge = challenge("Benchmark project");
        for (int i = 0; i < count; i++) {
            as("lead", () -> runtime.startProcessInstanceByKey(LearningCycleProcess.KEY, new HashMap<>(challenge)));
        }
    }

    private long statementsPerRequest() {
        long before = StatementCounter.STATEMENTS.get();
        ResponseEntity<String> response = rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?status=open", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return StatementCounter.STATEMENTS.get() - before;
    }

    @Test
    void portfolioTimeAndStatementsAt500And5000Projects() {
        projects(500);
        Timing small = Timing.of(5, 30, () -> rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?status=open", String.class));
        long smallStatements = statementsPerRequest();
        projects(4500);
        Timing large = Timing.of(3, 20, () -> rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?status=open", String.class));
        long largeStatements = statementsPerRequest();
        System.out.printf(Locale.ROOT, "PortfolioBenchmark 500 projects: %s, %d SQL statements per request%n", small, smallStatements);
        System.out.printf(Locale.ROOT, "PortfolioBenchmark 5,000 projects: %s, %d SQL statements per request%n", large, largeStatements);
        System.out.printf(Locale.ROOT, "PortfolioBenchmark ratio 5,000 / 500: median %.2f, p95 %.2f (target <= 2.5; statements must not grow)%n",
                large.median() / small.median(), large.p95() / small.p95());
    }
}
