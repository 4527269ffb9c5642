package io.ninep.server.local.cred;

import java.io.IOException;

/**
 * Runs work on the calling thread with the process's own credentials: for every user when the
 * server runs as an ordinary user (it acts as itself), and for root when the server runs as root.
 */
public final class DirectActor implements Actor {
    private final boolean privileged;

    public DirectActor(boolean privileged) {
        this.privileged = privileged;
    }

    @Override
    public <T> T call(Action<T> action) throws IOException {
        return action.run();
    }

    @Override
    public <T> T callWithGroup(int gid, Action<T> action) throws IOException {
        return action.run();
    }

    @Override
    public boolean appliesCreationGroup() {
        return false;
    }

    @Override
    public boolean privileged() {
        return privileged;
    }
}
