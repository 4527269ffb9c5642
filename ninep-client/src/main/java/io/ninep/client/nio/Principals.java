package io.ninep.client.nio;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * Users and groups as 9P knows them. 9P2000.L carries only numbers, so a principal's name is
 * its number in decimal ("1000"); 9P2000 and .u carry names (and .u numbers too). There is no
 * way to ask a server to look a name up, so in 9P2000.L only numeric names can be looked up.
 */
final class Principals {
    private Principals() {}

    /** A user: a name, and a number if known ({@link P9#NONUNAME} if not). */
    record User(String name, int id) implements UserPrincipal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A group, likewise. */
    record Group(String name, int id) implements GroupPrincipal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static User user(String name, int id) {
        return new User(name == null || name.isEmpty() ? Integer.toUnsignedString(id) : name, id);
    }

    static Group group(String name, int id) {
        return new Group(name == null || name.isEmpty() ? Integer.toUnsignedString(id) : name, id);
    }

    /** The number of a principal's name, or NONUNAME if the name is not a number. */
    static int number(String name) {
        try {
            return Integer.parseUnsignedInt(name);
        } catch (NumberFormatException e) {
            return P9.NONUNAME;
        }
    }

    /** Looks names up: numbers in any dialect, other names only where the dialect carries names. */
    static final class Lookup extends UserPrincipalLookupService {
        private final Dialect dialect;

        Lookup(Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public UserPrincipal lookupPrincipalByName(String name) throws UserPrincipalNotFoundException {
            int id = number(name);
            if (id == P9.NONUNAME && dialect == Dialect.P9P2000_L) {
                throw new UserPrincipalNotFoundException(name);
            }
            return new User(name, id);
        }

        @Override
        public GroupPrincipal lookupPrincipalByGroupName(String group) throws UserPrincipalNotFoundException {
            int id = number(group);
            if (id == P9.NONUNAME && dialect == Dialect.P9P2000_L) {
                throw new UserPrincipalNotFoundException(group);
            }
            return new Group(group, id);
        }
    }
}
