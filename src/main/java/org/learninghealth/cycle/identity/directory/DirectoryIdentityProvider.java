package org.learninghealth.cycle.identity.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.learninghealth.cycle.identity.RoleMapping;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.identity.directory.DirectoryEntry.Person;
import org.learninghealth.cycle.identity.directory.DirectoryEntry.Team;
import org.springframework.ldap.filter.AndFilter;
import org.springframework.ldap.filter.EqualsFilter;
import org.springframework.ldap.filter.Filter;
import org.springframework.ldap.filter.LikeFilter;
import org.springframework.ldap.filter.OrFilter;
import org.springframework.ldap.filter.PresentFilter;

/**
 * Camunda's users and groups read from the hospital directory (read-only: people and memberships are kept there).
 * The directory group of each role appears under the role's id ({@link RoleMapping}), so grants, filters and
 * candidate groups need no change. As with Camunda's own identity tables, a person sees their own entry and groups,
 * and others' only with a READ grant on them (administrators have one).
 */
public class DirectoryIdentityProvider implements ReadOnlyIdentityProvider {

    private final Directory directory;
    private final RoleMapping roles;
    private final DirectoryProperties config;

    public DirectoryIdentityProvider(Directory directory, RoleMapping roles, DirectoryProperties config) {
        this.directory = directory;
        this.roles = roles;
        this.config = config;
    }

    // ---- users

    @Override
    public User findUserById(String userId) {
        return createUserQuery(Context.getCommandContext()).userId(userId).singleResult();
    }

    @Override
    public UserQuery createUserQuery() {
        return new DirectoryQueries.Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQuery createUserQuery(CommandContext commandContext) {
        return new DirectoryQueries.Users();
    }

    @Override
    public NativeUserQuery createNativeUserQuery() {
        throw new BadUserRequestException("People come from the hospital directory here: native user queries are not supported.");
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return userId != null && directory.passwordMatches(userId, password);
    }

    List<User> users(DirectoryQueries.Users query, Page page) {
        Filter filter = new AndFilter().and(new PresentFilter(config.userIdAttribute()))
                .and(either(config.userIdAttribute(), query.getId(), query.getIds()))
                .and(matching(config.userFirstNameAttribute(), query.getFirstName(), query.getFirstNameLike()))
                .and(matching(config.userLastNameAttribute(), query.getLastName(), query.getLastNameLike()))
                .and(matching(config.userEmailAttribute(), query.getEmail(), query.getEmailLike()));
        List<Person> people;
        if (query.getGroupId() != null) {
            Optional<Team> team = visibleTeam(query.getGroupId());
            people = team.isEmpty() ? List.of() : directory.members(team.get(), filter);
        } else {
            people = directory.people(filter);
        }
        List<User> users = new ArrayList<>();
        for (Person person : people) {
            if (person.id() != null && (isCaller(person.id()) || granted(Resources.USER, person.id()))) {
                UserEntity user = new UserEntity(person.id());
                user.setFirstName(person.firstName());
                user.setLastName(person.lastName());
                user.setEmail(person.email());
                users.add(user);
            }
        }
        users.sort(Comparator.comparing(u -> u.getId().toLowerCase(Locale.ROOT)));
        return page(users, page);
    }

    // ---- groups

    @Override
    public Group findGroupById(String groupId) {
        return createGroupQuery(Context.getCommandContext()).groupId(groupId).singleResult();
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new DirectoryQueries.Groups(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new DirectoryQueries.Groups();
    }

    List<Group> groups(DirectoryQueries.Groups query, Page page) {
        String[] hospitalIds = query.getIds() == null ? null : Arrays.stream(query.getIds()).map(roles::hospitalGroup).toArray(String[]::new);
        Filter filter = new AndFilter().and(new PresentFilter(config.groupIdAttribute()))
                .and(either(config.groupIdAttribute(), query.getId() == null ? null : roles.hospitalGroup(query.getId()), hospitalIds))
                .and(matching(config.groupNameAttribute(), query.getName(), query.getNameLike()));
        List<Team> teams;
        if (query.getUserId() != null) {
            Optional<Person> member = directory.person(query.getUserId());
            teams = member.isEmpty() ? List.of() : directory.teamsOf(member.get(), filter);
        } else {
            teams = directory.teams(filter);
        }
        List<Group> groups = new ArrayList<>();
        for (Team team : teams) {
            String id = roles.appGroup(team.id());
            if (id == null || (query.getId() != null && !query.getId().equals(id))
                    || (query.getIds() != null && !Arrays.asList(query.getIds()).contains(id))) {
                continue;
            }
            GroupEntity group = new GroupEntity(id);
            group.setName(team.name());
            group.setType(id.equals(Roles.ADMINS) ? "SYSTEM" : "WORKFLOW");
            if ((query.getType() == null || query.getType().equals(group.getType()))
                    && (query.getUserId() != null && isCaller(query.getUserId()) || callerIn(id) || granted(Resources.GROUP, id))) {
                groups.add(group);
            }
        }
        groups.sort(Comparator.comparing(Group::getId));
        return page(groups, page);
    }

    /** The directory group behind an app group id, unless it is a role's group asked for under its directory name. */
    private Optional<Team> visibleTeam(String appGroup) {
        return directory.team(roles.hospitalGroup(appGroup)).filter(team -> appGroup.equals(roles.appGroup(team.id())));
    }

    // ---- tenants: the app has none

    @Override
    public Tenant findTenantById(String tenantId) {
        return null;
    }

    @Override
    public TenantQuery createTenantQuery() {
        return new DirectoryQueries.NoTenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public TenantQuery createTenantQuery(CommandContext commandContext) {
        return new DirectoryQueries.NoTenants();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    // ---- helpers

    private static boolean isCaller(String userId) {
        String caller = Context.getCommandContext().getAuthenticatedUserId();
        return caller != null && caller.equalsIgnoreCase(userId);
    }

    private static boolean callerIn(String groupId) {
        List<String> groups = Context.getCommandContext().getAuthenticatedGroupIds();
        return groups != null && groups.contains(groupId);
    }

    private static boolean granted(Resource resource, String id) {
        return Context.getCommandContext().getAuthorizationManager().isAuthorized(Permissions.READ, resource, id);
    }

    private static Filter either(String attribute, String value, String[] values) {
        if (value != null) {
            return new EqualsFilter(attribute, value);
        }
        if (values != null) {
            OrFilter any = new OrFilter();
            Arrays.stream(values).filter(Objects::nonNull).forEach(v -> any.or(new EqualsFilter(attribute, v)));
            return values.length == 0 ? new EqualsFilter(attribute, "\u0000none") : any;
        }
        return new PresentFilter(attribute);
    }

    /** Camunda's "like" uses %; LDAP's substring match uses * (LikeFilter escapes everything else). */
    private static Filter matching(String attribute, String value, String like) {
        if (value != null) {
            return new EqualsFilter(attribute, value);
        }
        if (like != null) {
            return new LikeFilter(attribute, like.replace('%', '*'));
        }
        return new AndFilter();
    }

    private static <T> List<T> page(List<T> all, Page page) {
        if (page == null) {
            return all;
        }
        int from = Math.min(page.getFirstResult(), all.size());
        int to = (int) Math.min((long) from + page.getMaxResults(), all.size());
        return new ArrayList<>(all.subList(from, to));
    }
}
