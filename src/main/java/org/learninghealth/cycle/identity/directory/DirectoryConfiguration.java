package org.learninghealth.cycle.identity.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.learninghealth.cycle.identity.AdminProperties;
import org.learninghealth.cycle.identity.RoleMapping;
import org.springframework.boot.autoconfigure.ldap.LdapProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.ldap.core.support.LdapContextSource;

/**
 * Profile {@code ldap}: Camunda reads people and groups from the hospital directory ({@code spring.ldap.*} for the
 * server and service account, {@code learning-cycle.directory.*} for where and how, {@code learning-cycle.roles.*}
 * for the groups of the roles). The administrator named in {@code learning-cycle.admin.user} is a directory person
 * with every permission.
 */
@Configuration
@Profile("ldap")
@EnableConfigurationProperties(LdapProperties.class)
public class DirectoryConfiguration {

    @Bean
    LdapContextSource directoryContextSource(LdapProperties ldap, DirectoryProperties config, Environment environment) {
        LdapContextSource source = new LdapContextSource();
        source.setUrls(ldap.determineUrls(environment));
        source.setBase(ldap.getBase());
        source.setUserDn(ldap.getUsername());
        source.setPassword(ldap.getPassword());
        // a connection per search: nothing stale is left over when the directory restarts (the cache spares the directory)
        source.setPooled(false);
        Map<String, Object> env = new HashMap<>(ldap.getBaseEnvironment());
        env.putIfAbsent("com.sun.jndi.ldap.connect.timeout", String.valueOf(config.connectTimeout().toMillis()));
        env.putIfAbsent("com.sun.jndi.ldap.read.timeout", String.valueOf(config.readTimeout().toMillis()));
        env.putIfAbsent(Context.REFERRAL, "ignore");
        source.setBaseEnvironmentProperties(env);
        if (config.startTls()) {
            source.setAuthenticationStrategy(new DefaultTlsDirContextAuthenticationStrategy());
        }
        source.afterPropertiesSet();
        return source;
    }

    @Bean
    Directory directory(LdapContextSource directoryContextSource, DirectoryProperties config) {
        return new Directory(directoryContextSource, config);
    }

    @Bean
    DirectoryIdentityPlugin directoryIdentityPlugin(Directory directory, RoleMapping roles, DirectoryProperties config, AdminProperties admin) {
        return new DirectoryIdentityPlugin(new DirectoryIdentityProvider(directory, roles, config), admin.user());
    }

    /** Installs the directory as Camunda's (read-only) identity provider. */
    static final class DirectoryIdentityPlugin extends AbstractProcessEnginePlugin {

        private final DirectoryIdentityProvider provider;
        private final String administrator;

        DirectoryIdentityPlugin(DirectoryIdentityProvider provider, String administrator) {
            this.provider = provider;
            this.administrator = administrator;
        }

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            configuration.setIdentityProviderSessionFactory(new SessionFactory() {
                @Override
                public Class<?> getSessionType() {
                    return ReadOnlyIdentityProvider.class;
                }

                @Override
                public Session openSession() {
                    return provider;
                }
            });
            if (administrator != null && !administrator.isBlank()) {
                // Camunda's administrators by name, besides the members of camunda-admin (as Camunda's own
                // AdministratorAuthorizationPlugin does for an LDAP administrator)
                List<String> admins = configuration.getAdminUsers() == null ? new java.util.ArrayList<>()
                        : new java.util.ArrayList<>(configuration.getAdminUsers());
                admins.add(administrator);
                configuration.setAdminUsers(admins);
            }
        }
    }
}
