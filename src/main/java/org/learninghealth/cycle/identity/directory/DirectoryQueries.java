package org.learninghealth.cycle.identity.directory;

import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** Camunda's user, group and tenant queries, answered by {@link DirectoryIdentityProvider}. */
final class DirectoryQueries {

    private DirectoryQueries() {
    }

    private static DirectoryIdentityProvider provider(CommandContext context) {
        return (DirectoryIdentityProvider) context.getReadOnlyIdentityProvider();
    }

    static final class Users extends UserQueryImpl {
        Users() {
        }

        Users(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return provider(context).users(this, null).size();
        }

        @Override
        public List<User> executeList(CommandContext context, Page page) {
            return provider(context).users(this, page);
        }
    }

    static final class Groups extends GroupQueryImpl {
        Groups() {
        }

        Groups(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return provider(context).groups(this, null).size();
        }

        @Override
        public List<Group> executeList(CommandContext context, Page page) {
            return provider(context).groups(this, page);
        }
    }

    /** The app has no tenants: always none. */
    static final class NoTenants extends TenantQueryImpl {
        NoTenants() {
        }

        NoTenants(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext context) {
            return 0;
        }

        @Override
        public List<Tenant> executeList(CommandContext context, Page page) {
            return List.of();
        }
    }
}
