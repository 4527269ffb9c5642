package io.ninep.cli.proxy;

import io.ninep.transport.DialAddress;
import io.ninep.transport.Dialer;
import io.ninep.transport.Listener;
import io.ninep.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A transparent 9P proxy: accepts clients on one address, connects each to the server at another,
 * and forwards both directions byte for byte while a {@link SessionMonitor} per connection traces
 * and annotates every frame.
 *
 * <pre>{@code
 * try (Proxy p = Proxy.start(DialAddress.parse("tcp!127.0.0.1!5641"), DialAddress.parse("tcp!127.0.0.1!5640"),
 *         TraceSink.text(System.out, ZoneId.systemDefault()))) {
 *     ...
 * }
 * }</pre>
 */
public final class Proxy implements Closeable {
    private final Listener listener;
    private final DialAddress target;
    private final TraceSink sink;
    private final Duration dialTimeout;
    private final Clock clock;
    private final LongSupplier nanos;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, ProxyConnection> connections = new ConcurrentHashMap<>();
    private final Thread acceptor;

    private Proxy(Listener listener, DialAddress target, TraceSink sink, Duration dialTimeout, Clock clock,
                  LongSupplier nanos) {
        this.listener = listener;
        this.target = target;
        this.sink = sink;
        this.dialTimeout = dialTimeout;
        this.clock = clock;
        this.nanos = nanos;
        this.acceptor = Thread.ofVirtual().name("proxy accept " + listener.address()).unstarted(this::acceptLoop);
    }

    /** Binds {@code listen} (port 0 picks a free one) and starts accepting. */
    public static Proxy start(DialAddress listen, DialAddress target, TraceSink sink) throws IOException {
        return start(listen, target, sink, Duration.ofSeconds(10), Clock.systemUTC(), System::nanoTime);
    }

    static Proxy start(DialAddress listen, DialAddress target, TraceSink sink, Duration dialTimeout, Clock clock,
                       LongSupplier nanos) throws IOException {
        Proxy p = new Proxy(Listener.bind(listen), target, sink, dialTimeout, clock, nanos);
        p.acceptor.start();
        return p;
    }

    /**
     * Proxies one connected pair of transports (for tests and for transports that are not
     * accepted on a listener). The trace numbers it like the rest.
     */
    public static ProxyConnection connect(Transport client, Transport server, TraceSink sink, int id, Clock clock,
                                          LongSupplier nanos) {
        return new ProxyConnection(client, server, new SessionMonitor(id, sink, clock, nanos), () -> { }).start();
    }

    /** Where clients connect (with the chosen port when 0 was asked for). */
    public DialAddress address() {
        return listener.address();
    }

    /** Blocks until the proxy is closed. */
    public void awaitTermination() throws InterruptedException {
        acceptor.join();
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            Transport client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    return;
                }
                continue;
            }
            Thread.ofVirtual().name("proxy dial " + target).start(() -> open(client));
        }
    }

    private void open(Transport client) {
        int id = ids.incrementAndGet();
        SessionMonitor monitor = new SessionMonitor(id, sink, clock, nanos);
        Transport server;
        try {
            server = Dialer.dial(target, dialTimeout);
        } catch (IOException e) {
            monitor.unreachable(client.peer(), target.toString(), e);
            try {
                client.close();
            } catch (IOException ignored) {
                // It was going anyway.
            }
            return;
        }
        ProxyConnection c = new ProxyConnection(client, server, monitor, () -> connections.remove(id));
        connections.put(id, c);
        c.start();
    }

    /** Stops accepting and closes every proxied connection. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (ProxyConnection c : connections.values()) {
            c.close();
        }
    }
}
