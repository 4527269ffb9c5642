package io.ninep.cli.options;

import io.ninep.protocol.P9;

/**
 * The numeric user and group of this process, the defaults for n_uname and for the gid of new
 * files; NONUNAME and 0 where the JDK cannot tell.
 */
public final class ProcessIds {
    private ProcessIds() {}

    public static int uid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            return P9.NONUNAME;
        }
    }

    public static int gid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getGid();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
