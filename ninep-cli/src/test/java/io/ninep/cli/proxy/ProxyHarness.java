package io.ninep.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.transport.PipePair;
import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A proxied connection between a scripted client and a scripted server, both over pipes. Every
 * {@link #client} and {@link #server} call sends bytes from one end and reads exactly as many at
 * the other, asserting they arrived unchanged: each test proves byte-exact forwarding as it goes.
 * The monitor reports a frame before forwarding it, so once the bytes arrived its event is in
 * {@link #events}. Time is a counter the test sets ({@link #at}), so latencies are exact.
 */
final class ProxyHarness implements AutoCloseable {
    final PipePair clientSide;
    final PipePair serverSide;
    final List<TraceEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicLong nanos = new AtomicLong();
    final ProxyConnection connection;
    Dialect dialect = Dialect.P9P2000_L;

    ProxyHarness() throws IOException {
        this(sink -> sink);
    }

    /** With the trace going through {@code wrap} before it reaches {@link #events}. */
    ProxyHarness(java.util.function.UnaryOperator<TraceSink> wrap) throws IOException {
        clientSide = PipePair.open();
        serverSide = PipePair.open();
        connection = Proxy.connect(clientSide.server(), serverSide.client(), wrap.apply(events::add), 1,
                Clock.fixed(Instant.parse("2025-01-02T03:04:05.123456Z"), ZoneOffset.UTC), nanos::get);
    }

    /** Sets the monotonic clock, in microseconds. */
    ProxyHarness at(long micros) {
        nanos.set(micros * 1000);
        return this;
    }

    /** The client sends {@code msg} with {@code tag}; the server end must receive the same bytes. */
    TraceEvent client(int tag, Message msg) throws IOException {
        return client(bytes(tag, msg));
    }

    TraceEvent server(int tag, Message msg) throws IOException {
        return server(bytes(tag, msg));
    }

    TraceEvent client(byte[] bytes) throws IOException {
        return pass(clientSide.client(), serverSide.server(), bytes);
    }

    TraceEvent server(byte[] bytes) throws IOException {
        return pass(serverSide.server(), clientSide.client(), bytes);
    }

    byte[] bytes(int tag, Message msg) {
        ByteBuffer b = FrameEncoder.encode(new Frame(tag, msg), dialect);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private TraceEvent pass(Transport from, Transport to, byte[] bytes) throws IOException {
        int before = events.size();
        from.write(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, 0, 1);
        ByteBuffer got = ByteBuffer.allocate(bytes.length);
        to.readFully(got);
        assertThat(got.array()).as("bytes forwarded unchanged").isEqualTo(bytes);
        assertThat(events.size()).as("events for one frame").isGreaterThan(before);
        return events.getLast();
    }

    /** The texts of the notes of {@code e}, of the kind given. */
    static List<String> notes(TraceEvent e, Note.Kind kind) {
        return e.notes().stream().filter(n -> n.kind() == kind).map(Note::text).toList();
    }

    void awaitClosed() throws InterruptedException {
        assertThat(connection.awaitClosed(20, TimeUnit.SECONDS)).as("proxy connection closed").isTrue();
    }

    @Override
    public void close() throws IOException {
        connection.close();
        clientSide.client().close();
        serverSide.server().close();
    }
}
