package io.ninep.server.local.cred;

import java.io.IOException;

/**
 * Acts for a user other than root, on a server that runs as root: every action runs on a
 * {@link CredentialPool} worker wearing the user's credentials. Actions must follow the pool's
 * rule: system calls and plain objects only.
 */
public final class SwitchingActor implements Actor {
    private final CredentialPool pool;
    private final Credentials credentials;

    public SwitchingActor(CredentialPool pool, Credentials credentials) {
        this.pool = pool;
        this.credentials = credentials;
    }

    public Credentials credentials() {
        return credentials;
    }

    @Override
    public <T> T call(Action<T> action) throws IOException {
        return pool.run(credentials, credentials.gid(), action);
    }

    @Override
    public <T> T callWithGroup(int gid, Action<T> action) throws IOException {
        return pool.run(credentials, gid == -1 ? credentials.gid() : gid, action);
    }

    @Override
    public boolean appliesCreationGroup() {
        return true;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
