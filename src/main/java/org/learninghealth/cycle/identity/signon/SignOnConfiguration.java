package org.learninghealth.cycle.identity.signon;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.engine.IdentityService;
import org.learninghealth.cycle.identity.AdminProperties;
import org.learninghealth.cycle.identity.RoleMapping;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Profile {@code sso}: OpenID Connect single sign-on with the hospital's provider (Entra ID, Keycloak, ADFS, ...).
 * <ul>
 * <li>The webapps and the app's pages send a person who is not logged in to the provider; back from it, Camunda's
 * container-based authentication makes them the webapp user (no Camunda password).</li>
 * <li>{@code /api} and {@code /engine-rest} take the provider's access tokens as bearer tokens (signature, issuer,
 * expiry and, when configured, audience checked), besides HTTP Basic for service accounts.</li>
 * <li>{@code /logout} ends the app's session (the webapps' with it) and the provider's (RP-initiated logout).</li>
 * </ul>
 * Spring Security is off outside this profile (see {@code LearningCycleApplication}).
 */
@Configuration
@Profile("sso")
@EnableWebSecurity
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class SignOnConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** Bearer tokens: the provider's keys from its discovery document; the audience when one is configured. */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("Single sign-on (profile sso) needs the provider's issuer for bearer tokens:"
                    + " set SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI (the same issuer as the login's).");
        }
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        List<String> audiences = resourceServer.getJwt().getAudiences().stream().filter(a -> a != null && !a.isBlank()).toList();
        if (!audiences.isEmpty()) {
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains))));
        }
        return decoder;
    }

    @Bean
    SignOnProvisioning signOnProvisioning(IdentityService identity, AdminProperties admin) {
        return new SignOnProvisioning(identity, admin);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apis(HttpSecurity http, JwtDecoder decoder, SignOnProperties settings, RoleMapping roles, SignOnProvisioning provisioning)
            throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/api/**"), PATHS.matcher("/engine-rest/**"), PATHS.matcher("/actuator/prometheus")))
                // who may do what is decided behind: the API's and the engine's own authentication, then Camunda's authorizations
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder)))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .addFilterAfter(new PersonFilter(settings, roles, provisioning), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations, SignOnProperties settings, RoleMapping roles,
                              SignOnProvisioning provisioning) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler providerLogout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        providerLogout.setPostLogoutRedirectUri(settings.afterLogout());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher("/camunda/app/**"), PATHS.matcher("/camunda/api/**"), PATHS.matcher("/portfolio"),
                                PATHS.matcher("/portfolio/**"), PATHS.matcher("/measurements/**"), PATHS.matcher("/projects/**")).authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(Customizer.withDefaults())
                // the webapps' own calls get a 401 (their page then sends the person to the provider), not a redirect
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PATHS.matcher("/camunda/api/**")))
                .logout(logout -> logout.logoutRequestMatcher(new OrRequestMatcher(PATHS.matcher("/logout"),
                                PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/{engine}/logout")))
                        .invalidateHttpSession(true).clearAuthentication(true).logoutSuccessHandler(providerLogout))
                // the webapps and the app's pages keep their own CSRF protection and security headers
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .addFilterAfter(new PersonFilter(settings, roles, provisioning), AuthorizationFilter.class);
        return http.build();
    }

    /** Spring Security in front of everything, as its own auto-configuration would register it. */
    @Bean
    DelegatingFilterProxyRegistrationBean signOnFilters() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        registration.setOrder(-100);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }

    /** Camunda's container-based authentication: the signed-in person becomes the webapps' user. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, SignOnWebappAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setName("webapp-sign-on");
        registration.setOrder(-99);
        return registration;
    }

    /** Hands the person Spring Security authenticated to the app's and Camunda's filters behind. */
    static final class PersonFilter extends OncePerRequestFilter {

        private final SignOnProperties settings;
        private final RoleMapping roles;
        private final SignOnProvisioning provisioning;

        PersonFilter(SignOnProperties settings, RoleMapping roles, SignOnProvisioning provisioning) {
            this.settings = settings;
            this.roles = roles;
            this.provisioning = provisioning;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            Map<String, Object> claims = authentication instanceof JwtAuthenticationToken token ? token.getTokenAttributes()
                    : authentication instanceof OAuth2AuthenticationToken login ? login.getPrincipal().getAttributes() : null;
            SignedInPerson person = claims == null ? null : SignedInPerson.from(claims, authentication instanceof JwtAuthenticationToken, settings, roles);
            if (person != null) {
                provisioning.provision(person, claims);
                request.setAttribute(SignedInPerson.ATTRIBUTE, person);
            }
            chain.doFilter(request, response);
        }
    }
}
