package io.ninep.server.lock;

import io.ninep.server.spi.LockRequest;
import java.util.Objects;

/**
 * Who holds a POSIX lock: 9P's pair (client_id, proc_id). The Linux client sends its host name
 * as client_id and the locking process's tgid as proc_id, so two processes of one client, or one
 * process id on two clients, are different owners.
 */
public record LockOwner(String clientId, int procId) {
    public LockOwner {
        Objects.requireNonNull(clientId, "clientId");
    }

    public static LockOwner of(LockRequest request) {
        return new LockOwner(request.clientId(), request.procId());
    }
}
