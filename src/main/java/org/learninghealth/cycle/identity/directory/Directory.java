package org.learninghealth.cycle.identity.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.ldap.LdapName;
import org.learninghealth.cycle.identity.directory.DirectoryEntry.Person;
import org.learninghealth.cycle.identity.directory.DirectoryEntry.Team;
import org.springframework.ldap.AuthenticationException;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.core.support.SingleContextSource;
import org.springframework.ldap.control.PagedResultsDirContextProcessor;
import org.springframework.ldap.filter.AndFilter;
import org.springframework.ldap.filter.EqualsFilter;
import org.springframework.ldap.filter.Filter;
import org.springframework.ldap.filter.HardcodedFilter;
import org.springframework.ldap.support.LdapUtils;

/**
 * The hospital directory, read-only: people and groups found with the configured bases, filters and attributes, in
 * pages, and a person's password checked by binding as them. Answers are kept for {@code cacheFor}; a directory that
 * does not answer raises {@link DirectoryUnavailableException} after the configured timeouts. Knows nothing of Camunda.
 */
public class Directory {

    private final LdapContextSource source;
    private final LdapTemplate ldap;
    private final DirectoryProperties config;
    private final Cache<String, Object> cache;

    public Directory(LdapContextSource source, DirectoryProperties config) {
        this.source = source;
        this.ldap = new LdapTemplate(source);
        this.ldap.setIgnorePartialResultException(true); // Active Directory's referrals to other domains
        this.config = config;
        this.cache = Caffeine.newBuilder().expireAfterWrite(config.cacheFor()).maximumSize(20_000).build();
    }

    /** @return the person with this login name (the directory compares it as it does, usually ignoring case) */
    public Optional<Person> person(String id) {
        List<Person> found = people(new EqualsFilter(config.userIdAttribute(), id));
        return found.stream().findFirst();
    }

    /** @return the people that match the filter (besides the configured one), every page of them */
    public List<Person> people(Filter filter) {
        return cached("people " + filter.encode(), () -> search(config.userBase(), and(config.userFilter(), filter), this::person,
                config.userIdAttribute(), config.userFirstNameAttribute(), config.userLastNameAttribute(), config.userEmailAttribute()));
    }

    /** @return the members of the group who match the filter */
    public List<Person> members(Team team, Filter filter) {
        if (config.readsMemberOf()) {
            AndFilter both = new AndFilter().and(filter).and(new EqualsFilter(config.memberOfAttribute(), team.dn()));
            return people(both);
        }
        Set<String> members = normalized(team.memberDns());
        return people(filter).stream().filter(p -> members.contains(normal(p.dn()))).toList();
    }

    /** @return the group with this id */
    public Optional<Team> team(String id) {
        return teams(new EqualsFilter(config.groupIdAttribute(), id)).stream().findFirst();
    }

    /** @return the groups that match the filter (besides the configured one) */
    public List<Team> teams(Filter filter) {
        return cached("teams " + filter.encode(), () -> search(config.groupBase(), and(config.groupFilter(), filter), this::team,
                config.groupIdAttribute(), config.groupNameAttribute(), memberAttribute()));
    }

    /** @return the groups matching the filter that the person is a member of (directly; nested too where the member attribute says so) */
    public List<Team> teamsOf(Person person, Filter filter) {
        return teams(new AndFilter().and(filter).and(new EqualsFilter(config.groupMemberAttribute(), person.dn())));
    }

    /**
     * Checks a password by binding as the person. An empty password is refused here: many directories take a bind
     * with one as an anonymous bind, which would let anyone in.
     */
    public boolean passwordMatches(String id, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        Optional<Person> person = guarded(() -> person(id));
        if (person.isEmpty()) {
            return false;
        }
        try {
            LdapUtils.closeContext(source.getContext(person.get().dn(), password));
            return true;
        } catch (AuthenticationException e) {
            return false;
        } catch (NamingException e) {
            throw new DirectoryUnavailableException(server(), e);
        }
    }

    public String server() {
        return String.join(" ", source.getUrls());
    }

    private <T> List<T> search(String searchBase, Filter filter, ContextMapper<T> mapper, String... attributes) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(attributes);
        controls.setTimeLimit((int) config.readTimeout().toMillis());
        return guarded(() -> SingleContextSource.doWithSingleContext(source, operations -> {
            List<T> found = new ArrayList<>();
            PagedResultsDirContextProcessor pages = new PagedResultsDirContextProcessor(config.pageSize());
            do {
                found.addAll(operations.search(searchBase, filter.encode(), controls, mapper, pages));
            } while (pages.hasMore());
            return found;
        }));
    }

    private Person person(Object context) {
        DirContextAdapter entry = (DirContextAdapter) context;
        return new Person(entry.getNameInNamespace(), entry.getStringAttribute(config.userIdAttribute()),
                entry.getStringAttribute(config.userFirstNameAttribute()), entry.getStringAttribute(config.userLastNameAttribute()),
                entry.getStringAttribute(config.userEmailAttribute()));
    }

    private Team team(Object context) {
        DirContextAdapter entry = (DirContextAdapter) context;
        String id = entry.getStringAttribute(config.groupIdAttribute());
        String name = entry.getStringAttribute(config.groupNameAttribute());
        Set<String> members = new LinkedHashSet<>();
        Attribute attribute = entry.getAttributes().get(memberAttribute());
        if (attribute != null) {
            try {
                for (NamingEnumeration<?> values = attribute.getAll(); values.hasMore(); ) {
                    members.add(String.valueOf(values.next()));
                }
            } catch (javax.naming.NamingException e) {
                throw LdapUtils.convertLdapException(e);
            }
        }
        return new Team(entry.getNameInNamespace(), id, name == null ? id : name, Set.copyOf(members));
    }

    /** The member attribute without an extensible-match rule ("member" of "member:1.2.840.113556.1.4.1941:"). */
    private String memberAttribute() {
        String attribute = config.groupMemberAttribute();
        int colon = attribute.indexOf(':');
        return colon < 0 ? attribute : attribute.substring(0, colon);
    }

    private static Filter and(String configured, Filter more) {
        return new AndFilter().and(new HardcodedFilter(configured)).and(more);
    }

    private static Set<String> normalized(Set<String> dns) {
        Set<String> normal = new LinkedHashSet<>();
        dns.forEach(dn -> normal.add(normal(dn)));
        return normal;
    }

    /** DNs compare without case and spacing: "CN=Ann Lee, OU=People" is "cn=ann lee,ou=people". */
    private static String normal(String dn) {
        try {
            return new LdapName(dn).toString().toLowerCase(Locale.ROOT).replaceAll("\\s*([,=+])\\s*", "$1");
        } catch (javax.naming.InvalidNameException e) {
            return dn.toLowerCase(Locale.ROOT);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> read) {
        Object hit = cache.getIfPresent(key);
        if (hit != null) {
            return (T) hit;
        }
        T value = read.get();
        cache.put(key, value);
        return value;
    }

    /** Runs a call on the directory; a directory that does not answer becomes {@link DirectoryUnavailableException}. */
    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (AuthenticationException e) {
            // the service account's bind was refused: to a person trying to log in, the directory is not there
            throw new DirectoryUnavailableException(server(), e);
        } catch (org.springframework.ldap.CommunicationException | org.springframework.ldap.ServiceUnavailableException
                 | org.springframework.ldap.UncategorizedLdapException e) {
            throw new DirectoryUnavailableException(server(), e);
        } catch (NamingException e) {
            if (e.getRootCause() instanceof java.net.SocketException || e.getRootCause() instanceof java.net.SocketTimeoutException
                    || e.getRootCause() instanceof javax.naming.CommunicationException) {
                throw new DirectoryUnavailableException(server(), e);
            }
            throw e;
        }
    }
}
