package io.ninep.server;

import io.ninep.protocol.P9;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The limits and switches of a {@link NinepServer}. Every limit gives the client a clear error
 * when it is reached instead of letting one connection exhaust the process.
 *
 * @param maxMsize the largest msize the server agrees to (version(5)); the client's request is
 *     cut to it and to the transport's own limit. At least 4096; 4 MiB by default, and 128 MiB or
 *     more is fine on stream transports.
 * @param maxFids fids one connection may hold at once; past it, attach and walk to a new fid
 *     fail with EMFILE. The Linux client keeps a fid per cached dentry, so this is generous.
 * @param maxRequests requests one connection may have in flight at once (at least 128); past it,
 *     a request fails at once with EAGAIN. Tflush does not count against it.
 * @param readOnly refuse every change with EROFS, whatever the backend says
 * @param trace receives one line per message in each direction (the decode format), or null
 * @param closeTimeout how long a closing connection waits for its requests to end before it
 *     gives up on them (they were interrupted; one that ignores it is logged and left behind)
 * @param busyPoll how long a connection with nothing in flight watches its socket for the next
 *     request, spinning, before its reader parks (zero, the default: it parks at once). A client
 *     with one request at a time then gets its reply without the server's wake-up; this costs a
 *     CPU up to this long after every reply. At most {@link #MAX_BUSY_POLL}; TCP and Unix sockets
 *     whose descriptor the server can reach, else ignored
 */
public record ServerConfig(int maxMsize, int maxFids, int maxRequests, boolean readOnly,
                           Consumer<String> trace, Duration closeTimeout, Duration busyPoll) {

    public static final int DEFAULT_MAX_MSIZE = 4 << 20;
    public static final int DEFAULT_MAX_FIDS = 1 << 20;
    public static final int DEFAULT_MAX_REQUESTS = 1024;
    /** The fewest in-flight requests a connection must be allowed: the Linux client's pipelining needs room. */
    public static final int MIN_REQUESTS = 128;
    /** The longest busy poll: past a millisecond a spin saves nothing a parked thread would lose. */
    public static final Duration MAX_BUSY_POLL = Duration.ofMillis(1);

    public ServerConfig {
        if (Integer.compareUnsigned(maxMsize, P9.MIN_MSIZE) < 0) {
            throw new IllegalArgumentException("msize ceiling " + Integer.toUnsignedString(maxMsize)
                    + " is below the protocol's minimum of " + P9.MIN_MSIZE);
        }
        if (maxMsize < 0) {
            throw new IllegalArgumentException("msize ceiling " + Integer.toUnsignedString(maxMsize)
                    + " is above the largest supported, " + Integer.MAX_VALUE);
        }
        if (maxFids < 1) {
            throw new IllegalArgumentException("fid limit " + maxFids + " must be at least 1");
        }
        if (maxRequests < MIN_REQUESTS) {
            throw new IllegalArgumentException("request limit " + maxRequests + " must be at least " + MIN_REQUESTS);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(busyPoll, "busyPoll");
        if (busyPoll.isNegative() || busyPoll.compareTo(MAX_BUSY_POLL) > 0) {
            throw new IllegalArgumentException("busy poll of " + busyPoll.toNanos() / 1000 + " us is outside 0 to "
                    + MAX_BUSY_POLL.toNanos() / 1000 + " us");
        }
    }

    /** The defaults: 4 MiB msize ceiling, 1 Mi fids, 1024 requests in flight, writable, no trace, no busy poll. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_MAX_MSIZE, DEFAULT_MAX_FIDS, DEFAULT_MAX_REQUESTS, false, null,
                Duration.ofSeconds(10), Duration.ZERO);
    }

    public ServerConfig withMaxMsize(int value) {
        return new ServerConfig(value, maxFids, maxRequests, readOnly, trace, closeTimeout, busyPoll);
    }

    public ServerConfig withMaxFids(int value) {
        return new ServerConfig(maxMsize, value, maxRequests, readOnly, trace, closeTimeout, busyPoll);
    }

    public ServerConfig withMaxRequests(int value) {
        return new ServerConfig(maxMsize, maxFids, value, readOnly, trace, closeTimeout, busyPoll);
    }

    public ServerConfig withReadOnly(boolean value) {
        return new ServerConfig(maxMsize, maxFids, maxRequests, value, trace, closeTimeout, busyPoll);
    }

    public ServerConfig withTrace(Consumer<String> value) {
        return new ServerConfig(maxMsize, maxFids, maxRequests, readOnly, value, closeTimeout, busyPoll);
    }

    public ServerConfig withCloseTimeout(Duration value) {
        return new ServerConfig(maxMsize, maxFids, maxRequests, readOnly, trace, value, busyPoll);
    }

    public ServerConfig withBusyPoll(Duration value) {
        return new ServerConfig(maxMsize, maxFids, maxRequests, readOnly, trace, closeTimeout, value);
    }
}
