package io.ninep.cli.proxy;

import io.ninep.transport.SocketTransport;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's connection through the proxy: a virtual thread per direction copies the stream
 * frame by frame, exactly as it came, after the {@link SessionMonitor} has reported each frame.
 * Frames that arrive together are forwarded together, in one write, so the proxy does not pull
 * apart what a peer sent at once (a request and the Tflush for it).
 * Nothing the peers send can stop the copying: a frame that does not decode is reported and
 * forwarded, a size field that breaks framing turns the rest of that direction into raw copying.
 *
 * <p>Closing. When the client ends its stream, the server's side is half-closed (on sockets) so
 * that replies still on their way reach the client; when the server ends its stream, or anything
 * fails, both connections are closed. Either way the other side learns of it at once.
 */
public final class ProxyConnection {
    private final Transport client;
    private final Transport server;
    private final SessionMonitor monitor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger finished = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(2);
    private final Runnable onClosed;

    ProxyConnection(Transport client, Transport server, SessionMonitor monitor, Runnable onClosed) {
        this.client = client;
        this.server = server;
        this.monitor = monitor;
        this.onClosed = onClosed;
    }

    /** Starts both directions on virtual threads of their own; returns at once. */
    public ProxyConnection start() {
        monitor.opened(client.peer(), server.peer());
        Thread.ofVirtual().name("proxy c" + monitor.id() + " c2s").start(() -> pump(Direction.C2S, client, server));
        Thread.ofVirtual().name("proxy c" + monitor.id() + " s2c").start(() -> pump(Direction.S2C, server, client));
        return this;
    }

    /** Waits until both directions have ended; true if they did within the timeout. */
    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    public boolean isClosed() {
        return done.getCount() == 0;
    }

    /** Closes both connections; the pumps end and report it. */
    public void close() {
        closing.set(true);
        closeQuietly(client);
        closeQuietly(server);
    }

    private void pump(Direction dir, Transport from, Transport to) {
        StreamSplitter in = new StreamSplitter(from);
        ByteBuffer[] one = new ByteBuffer[1];
        List<ByteBuffer> batch = new ArrayList<>();
        try {
            while (true) {
                StreamSplitter.Piece piece = in.next(monitor.bufferLimit());
                SessionMonitor.Stamp at = monitor.now();
                switch (piece) {
                    case StreamSplitter.Whole w -> {
                        // Frames that arrived together leave together (a Twrite and its Tflush
                        // stay one segment), each reported before any is forwarded.
                        observe(() -> monitor.frame(dir, w.bytes(), at));
                        batch.add(ByteBuffer.wrap(w.bytes()));
                        if (!in.frameReady(monitor.bufferLimit())) {
                            to.write(batch.toArray(ByteBuffer[]::new), 0, batch.size());
                            batch.clear();
                        }
                    }
                    case StreamSplitter.Large l -> {
                        observe(() -> monitor.largeFrame(dir, l.header(), l.size(), at));
                        write(to, one, l.header());
                        in.transfer(l.size() - l.header().length, to);
                    }
                    case StreamSplitter.Raw r -> {
                        observe(() -> monitor.raw(dir, r.bytes(), r.why()));
                        write(to, one, r.bytes());
                    }
                    case StreamSplitter.End e -> {
                        if (e.partial().length > 0) {
                            write(to, one, e.partial());
                        }
                        observe(() -> monitor.ended(dir, e.partial(), e.declaredSize()));
                        endOfStream(dir, to);
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing.get()) {
                monitor.failed(dir, e instanceof IOException io ? io : new IOException(e));
            }
            close();
        } finally {
            if (finished.incrementAndGet() == 2) {
                monitor.closed();
                onClosed.run();
            }
            done.countDown();
        }
    }

    /**
     * Runs one observation. Tracing never stops forwarding: should the monitor fail on some
     * frame (a bug of ours), the bytes still go through and the trace says what went wrong.
     */
    private void observe(Runnable observation) {
        try {
            observation.run();
        } catch (RuntimeException e) {
            try {
                monitor.internalError(e);
            } catch (RuntimeException ignored) {
                // Nothing more can be said; the frame is forwarded regardless.
            }
        }
    }

    /** The sender of {@code dir} ended its stream: pass that on. */
    private void endOfStream(Direction dir, Transport to) {
        if (dir == Direction.C2S && to instanceof SocketTransport socket) {
            try {
                socket.shutdownOutput();
                return;
            } catch (IOException e) {
                // The server is gone too; close everything below.
            }
        }
        close();
    }

    private static void write(Transport to, ByteBuffer[] one, byte[] bytes) throws IOException {
        one[0] = ByteBuffer.wrap(bytes);
        to.write(one, 0, 1);
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (IOException e) {
            // Closing is best effort; the pump reading it ends either way.
        }
    }
}
