package org.learninghealth.cycle.identity.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning-cycle.directory.*}: where the people and groups of the hospital directory are and how their entries
 * read (profile {@code ldap}). The server, its base DN and the service account are Spring Boot's {@code spring.ldap.*}.
 * The defaults read a plain LDAP directory (OpenLDAP: {@code uid}, {@code groupOfNames}); the README shows the
 * values for Active Directory ({@code sAMAccountName}, {@code group}, {@code memberOf}).
 *
 * @param userBase            where people are, relative to {@code spring.ldap.base}
 * @param userFilter          which entries there are people
 * @param userIdAttribute     the login name ({@code uid}; Active Directory: {@code sAMAccountName})
 * @param memberOfAttribute   the attribute of a person naming their groups ({@code memberOf} in Active Directory and
 *                            OpenLDAP's memberof overlay); empty: members are read from the group's entry
 * @param groupBase           where groups are, relative to {@code spring.ldap.base}
 * @param groupFilter         which entries there are groups the app may see (narrow it in a large directory)
 * @param groupIdAttribute    the group's id, which {@code learning-cycle.roles.*} names
 * @param groupMemberAttribute the group's attribute holding its members' DNs ({@code member}; Active Directory with
 *                            nested groups: {@code member:1.2.840.113556.1.4.1941:})
 * @param startTls            upgrade an {@code ldap://} connection with StartTLS ({@code ldaps://} URLs need nothing)
 * @param pageSize            entries per page of a search (RFC 2696 paged results)
 * @param cacheFor            how long an answer of the directory is reused; a removed membership takes effect after it
 * @param connectTimeout      how long to wait for the directory to accept a connection
 * @param readTimeout         how long to wait for its answer
 */
@ConfigurationProperties("learning-cycle.directory")
public record DirectoryProperties(
        @DefaultValue("ou=people") String userBase,
        @DefaultValue("(objectClass=person)") String userFilter,
        @DefaultValue("uid") String userIdAttribute,
        @DefaultValue("givenName") String userFirstNameAttribute,
        @DefaultValue("sn") String userLastNameAttribute,
        @DefaultValue("mail") String userEmailAttribute,
        @DefaultValue("") String memberOfAttribute,
        @DefaultValue("ou=groups") String groupBase,
        @DefaultValue("(objectClass=groupOfNames)") String groupFilter,
        @DefaultValue("cn") String groupIdAttribute,
        @DefaultValue("cn") String groupNameAttribute,
        @DefaultValue("member") String groupMemberAttribute,
        @DefaultValue("false") boolean startTls,
        @DefaultValue("500") int pageSize,
        @DefaultValue("PT30S") Duration cacheFor,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration readTimeout) {

    boolean readsMemberOf() {
        return memberOfAttribute != null && !memberOfAttribute.isBlank();
    }
}
