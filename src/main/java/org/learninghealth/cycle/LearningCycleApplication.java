package org.learninghealth.cycle;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Learning Cycle: a Learning Health System improvement cycle as a Camunda 7 process application. Spring Security's
 * own set-up is left out: the app authenticates with its filters and Camunda's, and only the single sign-on (profile
 * sso, {@code identity.signon.SignOnConfiguration}) puts Spring Security in front.
 */
@SpringBootApplication(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ClientWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class})
@EnableProcessApplication("learning-cycle")
@ConfigurationPropertiesScan
public class LearningCycleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LearningCycleApplication.class, args);
    }
}
