package org.learninghealth.cycle.portfolio;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The manager page lives at {@code /portfolio} (static files under {@code static/portfolio}). */
@Configuration
public class PortfolioPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/portfolio", "/portfolio/index.html");
        registry.addRedirectViewController("/portfolio/", "/portfolio/index.html");
    }
}
