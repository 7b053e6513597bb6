package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Without demo data and without a configured administrator the application refuses to start, saying what to set. */
class StartupRefusalIT {

    @Test
    void noAdministratorNoStart() {
        // command-line arguments: they outrank the test profile, which turns demo data on
        assertThatThrownBy(() -> new SpringApplicationBuilder(LearningCycleApplication.class).profiles("test")
                .run("--learning-cycle.demo.enabled=false", "--server.port=0", "--learning-cycle.admin.user=", "--learning-cycle.admin.password=")
                .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No administrator exists yet: set LC_ADMIN_USER and LC_ADMIN_PASSWORD");
    }
}
