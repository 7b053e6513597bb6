package org.learninghealth.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;

/**
 * The yardstick of the start-up benchmark: Camunda's Spring Boot starter with its webapps and REST API and nothing
 * of ours, on the same class path and database as the app. Configured by {@code bare-starter.yaml} alone (run with
 * {@code --spring.config.name=bare-starter}). Outside the app's package on purpose: the app's component scan must not
 * find it (its exclusions would switch the app's migrations off in every test). The libraries the app brings and a bare starter would not have
 * (security, sessions in the database, migrations) are switched off.
 */
@SpringBootApplication(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ClientWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        FlywayAutoConfiguration.class, SessionAutoConfiguration.class})
public class BareStarter {

    public static void main(String[] args) {
        SpringApplication.run(BareStarter.class, args);
    }
}
