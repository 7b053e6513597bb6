package org.learninghealth.cycle;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Learning Cycle: a Learning Health System improvement cycle as a Camunda 7 process application. */
@SpringBootApplication
@EnableProcessApplication("learning-cycle")
@ConfigurationPropertiesScan
public class LearningCycleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LearningCycleApplication.class, args);
    }
}
