package io.ninep.server;

import io.ninep.server.spi.FileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.Transport;
import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.NinepMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A 9P server: serves one {@link FileServer} to any number of connections, on listeners (TCP,
 * Unix sockets) or on transports handed to it (stdin/stdout, a pipe). Each connection is a
 * {@link Connection}: a reader, a virtual thread per request, one writer.
 *
 * <pre>{@code
 * try (var server = new NinepServer(new MemoryFileServer(), ServerConfig.defaults())) {
 *     Listener l = server.listen(DialAddress.parse("tcp!127.0.0.1!5640"));
 *     ...
 *     server.shutdown(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>A connection that breaks the protocol is closed alone, with its reason logged; no input can
 * affect another connection or the process.
 */
public final class NinepServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NinepServer.class.getName());

    private final FileServer fileServer;
    private final ServerConfig config;
    private final AtomicLong ids = new AtomicLong();
    /** In the order they opened, so that {@link #metrics()} lists their pools in a stable order. */
    private final Set<Connection> connections = new CopyOnWriteArraySet<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    /** Guards {@link #retired} and the removal of closed connections, so that a snapshot counts each connection once. */
    private final ReentrantLock metricsLock = new ReentrantLock();
    /** The totals of the connections that have closed. */
    private MetricsSnapshot retired = MetricsSnapshot.EMPTY;

    public NinepServer(FileServer fileServer, ServerConfig config) {
        this.fileServer = Objects.requireNonNull(fileServer, "fileServer");
        this.config = Objects.requireNonNull(config, "config");
    }

    public ServerConfig config() {
        return config;
    }

    public FileServer fileServer() {
        return fileServer;
    }

    /** Binds {@code address} and accepts connections on it until the server stops. */
    public Listener listen(DialAddress address) throws IOException {
        Listener listener = Listener.bind(address);
        listeners.add(listener);
        Thread.ofVirtual().name("ninep accept " + listener.address()).start(() -> acceptLoop(listener));
        LOG.log(System.Logger.Level.INFO, () -> "listening on " + listener.address());
        return listener;
    }

    private void acceptLoop(Listener listener) {
        while (!stopping && listener.isOpen()) {
            Transport t;
            try {
                t = listener.accept();
            } catch (IOException e) {
                if (!stopping && listener.isOpen()) {
                    LOG.log(System.Logger.Level.WARNING, () -> "accepting on " + listener.address() + ": " + e);
                    continue;
                }
                return;
            }
            serve(t);
        }
    }

    /** Serves a connected transport on a thread of its own; returns at once. */
    public Connection serve(Transport transport) {
        Connection c = register(transport);
        Thread.ofVirtual().name("ninep " + c.name()).start(c);
        return c;
    }

    /** Serves a connected transport (stdin/stdout, say) on the calling thread, until it closes. */
    public Connection serveHere(Transport transport) {
        Connection c = register(transport);
        c.run();
        return c;
    }

    private Connection register(Transport transport) {
        Connection c = new Connection(this, ids.incrementAndGet(), transport, fileServer, config);
        connections.add(c);
        if (stopping) {
            c.close();
        }
        return c;
    }

    void closed(Connection c) {
        MetricsSnapshot last = c.metrics().snapshot().totals();
        metricsLock.lock();
        try {
            connections.remove(c);
            retired = retired.plus(last);
        } finally {
            metricsLock.unlock();
        }
    }

    /**
     * The server's counters: its open connections' added up, plus the totals of those that have
     * closed, so that nothing it counts goes backwards (see {@link MetricsSnapshot} for what each
     * number means; msize is the largest of the open connections'). Per connection:
     * {@link Connection#metrics()}.
     */
    public NinepMetrics metrics() {
        return () -> {
            List<Connection> open;
            MetricsSnapshot sum;
            metricsLock.lock();
            try {
                open = new ArrayList<>(connections);
                sum = retired;
            } finally {
                metricsLock.unlock();
            }
            for (Connection c : open) {
                sum = sum.plus(c.metrics().snapshot());
            }
            return sum;
        };
    }

    /** The open connections. */
    public List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    /**
     * Stops: no new connections; requests in flight get up to {@code grace} to finish; then every
     * connection is closed (requests still running are interrupted, their replies dropped) and
     * the file server is closed.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        stopping = true;
        for (Listener l : listeners) {
            try {
                l.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing " + l + ": " + e);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Connection c : connections()) {
            long left = deadline - System.nanoTime();
            if (!c.awaitIdle(Duration.ofNanos(Math.max(0, left)))) {
                LOG.log(System.Logger.Level.INFO, () -> c.name() + ": requests still running after the grace period");
            }
        }
        for (Connection c : connections()) {
            c.close();
        }
        for (Connection c : connections()) {
            c.awaitClosed(config.closeTimeout().plusSeconds(1));
        }
        try {
            fileServer.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "closing the file server: " + e);
        }
    }

    /** Stops at once: {@link #shutdown} with no grace period. */
    @Override
    public void close() {
        try {
            shutdown(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
