package io.ninep.cli.probe;

import io.ninep.protocol.P9;

/** The numeric user and group of this process, for n_uname and gid; NONUNAME and 0 where the JDK cannot tell. */
final class Ids {
    private Ids() {}

    static int uid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            return P9.NONUNAME;
        }
    }

    static int gid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getGid();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
