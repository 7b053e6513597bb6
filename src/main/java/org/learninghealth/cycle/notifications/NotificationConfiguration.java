package org.learninghealth.cycle.notifications;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sender runs on Spring's scheduler (it does nothing while mail is off). */
@Configuration
@EnableScheduling
public class NotificationConfiguration {
}
