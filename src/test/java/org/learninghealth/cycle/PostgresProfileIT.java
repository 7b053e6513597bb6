package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code postgres} profile as a hospital starts it: credentials from the environment ({@code LC_DB_*}), no demo
 * users or demo data, the first administrator from {@code LC_ADMIN_*}, Camunda's schema and the Flyway migrations on
 * a fresh PostgreSQL database.
 */
@EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(value = {"test", "postgres"}, inheritProfiles = false)
class PostgresProfileIT extends CycleSteps {

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("LC_DB_URL", () -> PostgresSupport.freshDatabase("learning_cycle_profile_it"));
        registry.add("LC_DB_USER", () -> PostgresSupport.USER);
        registry.add("LC_DB_PASSWORD", () -> PostgresSupport.PASSWORD);
        registry.add("LC_ADMIN_USER", () -> "qualityadmin");
        registry.add("LC_ADMIN_PASSWORD", () -> "a long first password");
    }

    @Autowired DataSource dataSource;
    @Autowired KnowledgeRepository knowledge;
    @Autowired TestRestTemplate rest;

    @Test
    void startsOnPostgresWithTheFirstAdministratorAndNoDemoData() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:postgresql:").endsWith("learning_cycle_profile_it");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from lc_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(2);
        assertThat(identityService.createUserQuery().memberOfGroup(Roles.ADMINS).list()).extracting(u -> u.getId()).containsExactly("qualityadmin");
        assertThat(identityService.createUserQuery().userId("lead").count()).as("no demo users").isZero();
        assertThat(knowledge.count()).as("no demo knowledge").isZero();
        assertThat(rest.withBasicAuth("qualityadmin", "a long first password").getForEntity("/engine-rest/user/qualityadmin/profile", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
