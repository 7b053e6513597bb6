package org.learninghealth.cycle.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Plain request paths first (see {@link RequestPathFilter}). {@code /engine-rest} and {@code /api} require a Camunda user; the public learning page {@code /learning} is the one page open to everyone. */
@Configuration
public class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", EngineRestAuthentication.class.getName());
        registration.setName("engine-rest-authentication");
        registration.setOrder(10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
        // the Prometheus metrics need a Camunda user too; health stays open for load balancers
        registration.addUrlPatterns("/api/*", "/actuator/prometheus");
        registration.setName("api-authentication");
        registration.setOrder(11);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestPathFilter> requestPaths(@Value("${server.servlet.session.cookie.secure:false}") boolean https) {
        FilterRegistrationBean<RequestPathFilter> registration = new FilterRegistrationBean<>(new RequestPathFilter(https));
        registration.addUrlPatterns("/*");
        registration.setName("request-paths");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappApiGate> webappApiGate() {
        FilterRegistrationBean<WebappApiGate> registration = new FilterRegistrationBean<>(new WebappApiGate());
        registration.addUrlPatterns("/camunda/api/*");
        registration.setName("webapp-api-gate");
        registration.setOrder(9);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/portfolio/*", "/portfolio", "/measurements/*", "/projects/*", "/actuator/*",
                "/learning", "/learning/*");
        registration.setName("security-headers");
        registration.setOrder(5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DirectoryDownFilter> directoryDown() {
        FilterRegistrationBean<DirectoryDownFilter> registration = new FilterRegistrationBean<>(new DirectoryDownFilter());
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/*", "/actuator/prometheus");
        registration.setName("directory-down");
        registration.setOrder(6);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRequestGuard> engineRequestGuard() {
        FilterRegistrationBean<EngineRequestGuard> registration = new FilterRegistrationBean<>(new EngineRequestGuard());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setName("engine-request-guard");
        registration.setOrder(12);
        return registration;
    }
}
