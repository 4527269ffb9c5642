package io.ninep.server.local.cred;

import java.io.IOException;

/**
 * Runs file-system work with the credentials of the user a tree was attached for. Work that
 * checks permissions (lookups, opens, creation, changes) goes through an actor; work on a
 * descriptor already open (fstat, pread) needs none and runs on the caller's thread.
 */
public sealed interface Actor permits DirectActor, SwitchingActor {

    /** Work that may fail with an errno. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} as the user. */
    <T> T call(Action<T> action) throws IOException;

    /**
     * Runs {@code action} as the user with {@code gid} as the file-system gid, so that a file it
     * creates gets the group a creating client asked for (or the directory's, when the directory
     * is set-group-ID: the kernel applies the rule). Only an actor whose
     * {@link #appliesCreationGroup} is true does this; the caller fixes the group of new files
     * made through any other.
     */
    <T> T callWithGroup(int gid, Action<T> action) throws IOException;

    /** Whether {@link #callWithGroup} makes new files belong to the gid asked for. */
    boolean appliesCreationGroup();

    /** Whether the actor has root's privileges (then a chown it does cannot fail with EPERM). */
    boolean privileged();
}
