package org.learninghealth.cycle;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The second pass of {@code ./mvnw verify} (system property {@code lc.test.database=postgres}): every Spring
 * application the tests start gets a fresh PostgreSQL database of its own instead of H2 in memory; without a
 * server the pass is skipped with a message (under {@code CI=true} that is a failure). Registered as an
 * environment post-processor and a JUnit extension; does nothing in the H2 pass.
 */
public class PostgresPass implements EnvironmentPostProcessor, ExecutionCondition {

    static final boolean ACTIVE = "postgres".equals(System.getProperty("lc.test.database"));
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Boolean available;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ACTIVE || !serverAnswers()) {
            return;
        }
        String url = PostgresSupport.freshDatabase("lc_pass_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
        environment.getPropertySources().addFirst(new MapPropertySource("postgres-pass", Map.of("spring.datasource.url", url,
                "spring.datasource.username", PostgresSupport.USER, "spring.datasource.password", PostgresSupport.PASSWORD,
                "camunda.bpm.database.type", "postgres")));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!ACTIVE) {
            return ConditionEvaluationResult.enabled("H2 pass");
        }
        return serverAnswers() ? ConditionEvaluationResult.enabled("PostgreSQL pass")
                : ConditionEvaluationResult.disabled("PostgreSQL pass skipped: no server at " + PostgresSupport.SERVER);
    }

    private static synchronized boolean serverAnswers() {
        if (available == null) {
            available = PostgresSupport.available();
            if (available) {
                PostgresSupport.dropDatabasesLike("lc_pass_%");
            }
        }
        return available;
    }
}
