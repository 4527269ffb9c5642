package io.ninep.server.local.cred;

import java.util.Arrays;

/**
 * Who a worker acts as: fsuid, fsgid and the supplementary groups, as the kernel checks
 * permissions with them.
 */
public record Credentials(int uid, int gid, int[] groups) {
    public Credentials {
        groups = groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    int[] groupsArray() {
        return groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.uid == uid && c.gid == gid && Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "uid=" + Integer.toUnsignedString(uid) + " gid=" + Integer.toUnsignedString(gid)
                + " groups=" + Arrays.toString(groups);
    }
}
