package org.learninghealth.cycle.measurement;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The upload page of a project lives at {@code /projects/{projectKey}/measurements} (static files under
 * {@code static/measurements}; the page reads the key from its address and works with the webapp login).
 */
@Configuration
public class UploadPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/projects/{projectKey}/measurements").setViewName("forward:/measurements/index.html");
    }
}
