package io.ninep.server.spi;

/**
 * A POSIX byte-range lock as Tlock and Tgetlock describe it. The owner of a lock is the pair
 * (clientId, procId); {@code length} 0 means "to the end of the file, whatever it becomes".
 *
 * @param type RDLCK 0, WRLCK 1, UNLCK 2 ({@link io.ninep.protocol.message.Tlock})
 * @param flags BLOCK 1 (the client retries while it gets BLOCKED), RECLAIM 2
 */
public record LockRequest(int type, int flags, long start, long length, int procId, String clientId) {
    public LockRequest {
        java.util.Objects.requireNonNull(clientId, "clientId");
    }
}
