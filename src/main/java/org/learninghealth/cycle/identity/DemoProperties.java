package org.learninghealth.cycle.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning-cycle.demo.*}.
 *
 * @param enabled  demo users (password = id) and demo knowledge records
 * @param projects with {@code enabled}: demo projects in every stage, some finished, started on an empty database
 */
@ConfigurationProperties("learning-cycle.demo")
public record DemoProperties(boolean enabled, @DefaultValue("true") boolean projects) {
}
