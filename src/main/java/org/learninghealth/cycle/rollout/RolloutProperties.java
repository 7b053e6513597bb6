package org.learninghealth.cycle.rollout;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code learning-cycle.rollout.*}: the readiness checklist every unit goes through before go-live. */
@ConfigurationProperties("learning-cycle.rollout")
public record RolloutProperties(List<String> readinessChecklist) {
}
