package io.ninep.client;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.transport.buffer.BufferPool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a client connects and behaves. Start from {@link #defaults()} and change what you need:
 * {@code ClientConfig.defaults().withMsize(64 * 1024).withDialect(Dialect.P9P2000_U)}.
 *
 * @param msize the msize to ask for; the one used is min(this, the transport's limit, the
 *     server's answer) and any cut is reported ({@link MsizeNegotiation})
 * @param dialect the dialect to ask for in Tversion
 * @param strictness how replies that break the letter of the protocol are decoded; real servers
 *     need {@link Strictness#LENIENT} (the default), which records each deviation as a {@link Quirk}
 * @param quirkListener told of every quirk as it is seen (on the connection's reader thread)
 * @param poolBudget bytes the connection's buffer pool may hold; 0 for
 *     {@link BufferPool#defaultBudget(int)} of the negotiated msize
 * @param directBuffers whether pooled buffers are direct (best for sockets) or heap buffers
 * @param ioWindow how many Tread/Twrite requests one large read or write keeps in flight
 * @param readdirInitialCount the count of the first Treaddir (or directory Tread) of a listing;
 *     later requests grow toward msize - 24 when the directory turns out to be large
 * @param connectTimeout how long dialing may take, and how long the server may take to answer
 *     Tversion: a server that accepts a connection and says nothing fails the open, not hangs it
 * @param replyTimeout how long a blocking call waits for its reply before it is flushed (and
 *     fails with a RequestCancelledException); for Tclunk and Tremove, which are not flushed,
 *     the connection is closed instead. {@link Duration#ZERO}, the default, waits for ever: a
 *     synthetic file may block a read on purpose
 */
public record ClientConfig(int msize, Dialect dialect, Strictness strictness, Consumer<Quirk> quirkListener,
                           long poolBudget, boolean directBuffers, int ioWindow, int readdirInitialCount,
                           Duration connectTimeout, Duration replyTimeout) {

    /** The msize asked for unless told otherwise: 1 MiB. */
    public static final int DEFAULT_MSIZE = 1 << 20;

    public ClientConfig {
        if (msize < P9.MIN_MSIZE) {
            throw new IllegalArgumentException("msize " + msize + " is below the smallest 9P msize, " + P9.MIN_MSIZE);
        }
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(strictness, "strictness");
        Objects.requireNonNull(quirkListener, "quirkListener");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || replyTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive (reply timeout: zero for none)");
        }
        if (poolBudget < 0) {
            throw new IllegalArgumentException("negative pool budget " + poolBudget);
        }
        if (ioWindow < 1) {
            throw new IllegalArgumentException("I/O window " + ioWindow + " must be at least 1");
        }
        if (readdirInitialCount < 512) {
            throw new IllegalArgumentException("first readdir count " + readdirInitialCount + " is below 512 bytes");
        }
    }

    public static ClientConfig defaults() {
        return new ClientConfig(DEFAULT_MSIZE, Dialect.P9P2000_L, Strictness.LENIENT, q -> { }, 0, true, 4,
                BufferPool.SMALL, Duration.ofSeconds(10), Duration.ZERO);
    }

    public ClientConfig withMsize(int newMsize) {
        return new ClientConfig(newMsize, dialect, strictness, quirkListener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withDialect(Dialect newDialect) {
        return new ClientConfig(msize, newDialect, strictness, quirkListener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withStrictness(Strictness newStrictness) {
        return new ClientConfig(msize, dialect, newStrictness, quirkListener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withQuirkListener(Consumer<Quirk> listener) {
        return new ClientConfig(msize, dialect, strictness, listener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withPoolBudget(long bytes) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, bytes, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withDirectBuffers(boolean direct) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, poolBudget, direct, ioWindow,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withIoWindow(int requests) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, poolBudget, directBuffers, requests,
                readdirInitialCount, connectTimeout, replyTimeout);
    }

    public ClientConfig withReaddirInitialCount(int bytes) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, poolBudget, directBuffers, ioWindow,
                bytes, connectTimeout, replyTimeout);
    }

    public ClientConfig withConnectTimeout(Duration timeout) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, timeout, replyTimeout);
    }

    public ClientConfig withReplyTimeout(Duration timeout) {
        return new ClientConfig(msize, dialect, strictness, quirkListener, poolBudget, directBuffers, ioWindow,
                readdirInitialCount, connectTimeout, timeout);
    }

    /** The pool budget for a negotiated msize. */
    public long poolBudgetFor(int negotiatedMsize) {
        long budget = poolBudget == 0 ? BufferPool.defaultBudget(negotiatedMsize) : poolBudget;
        return Math.max(budget, negotiatedMsize);
    }
}
