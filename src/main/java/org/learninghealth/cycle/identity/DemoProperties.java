package org.learninghealth.cycle.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code learning-cycle.demo.enabled}: demo users (password = id) and demo knowledge records. */
@ConfigurationProperties("learning-cycle.demo")
public record DemoProperties(boolean enabled) {
}
