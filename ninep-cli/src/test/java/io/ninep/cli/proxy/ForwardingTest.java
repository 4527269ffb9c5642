package io.ninep.cli.proxy;

import static io.ninep.cli.proxy.ProxyHarness.notes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.proxy.Note.Kind;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy forwards exactly what it received, however broken, and keeps going: undecodable
 * frames, frames the dialect lacks, trailing bytes, a size field that ends framing, a stream cut
 * inside a frame, frames too large to hold. And it closes one side when the other goes.
 */
@Timeout(30)
class ForwardingTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void malformedFramesPassUnchangedAndAreShownInHex() throws Exception {
        try (ProxyHarness h = new ProxyHarness()) {
            h.client(P9.NOTAG, new Tversion(8192, "9P2000.L"));
            h.server(P9.NOTAG, new Rversion(8192, "9P2000.L"));

            // Twalk whose nwname claims 5 names in a frame holding one.
            byte[] inflated = hex("16000000 6e 0100 00000000 01000000 0500 0300 757372");
            TraceEvent e = h.client(inflated);
            assertThat(e.type()).isEqualTo("Twalk");
            assertThat(e.tag()).isEqualTo(1);
            assertThat(notes(e, Kind.UNDECODABLE)).singleElement().asString().contains("nwname");
            assertThat(e.hex()).isEqualTo("160000006e0100000000000100000005000300757372");

            // An unknown type, and a type 9P2000.L lacks (Topen): both forwarded, both reported.
            TraceEvent unknown = h.client(hex("07000000 fa 0200"));
            assertThat(notes(unknown, Kind.VIOLATION)).containsExactly("unknown type 250 is no 9P message (intro(5))");
            TraceEvent topen = h.client(hex("0c000000 70 0300 01000000 00"));
            assertThat(notes(topen, Kind.UNDECODABLE)).singleElement().asString().contains("not part of 9P2000.L");

            // An Rflush with two stray bytes (kvmtool does this): a quirk, decoded leniently.
            h.client(4, new io.ninep.protocol.message.Tflush(9));
            TraceEvent stray = h.server(hex("09000000 6d 0400 0000"));
            assertThat(stray.text()).isEqualTo("Rflush tag 4");
            assertThat(notes(stray, Kind.QUIRK)).singleElement().asString().contains("2 bytes after the end");

            // A reply-type message from the client, a request-type one from the server.
            assertThat(notes(h.client(5, new Rclunk()), Kind.VIOLATION)).singleElement().asString()
                    .contains("client sent a reply-type message");
            assertThat(notes(h.server(6, new Tclunk(1)), Kind.VIOLATION)).singleElement().asString()
                    .contains("server sent a request-type message");
        }
    }

    @Test
    void aFailingTraceNeverStopsForwarding() throws Exception {
        try (ProxyHarness h = new ProxyHarness(sink -> event -> {
            if ("Twalk".equals(event.type())) {
                throw new IllegalStateException("trace broke");
            }
            sink.accept(event);
        })) {
            TraceEvent e = h.client(1, new Twalk(0, 1, "usr"));
            assertThat(e.text()).isEqualTo("the trace could not describe a frame (forwarded all the same): "
                    + "java.lang.IllegalStateException: trace broke");
            assertThat(h.client(2, new Tclunk(1)).text()).isEqualTo("Tclunk tag 2 fid 1");
        }
    }

    @Test
    void sizeFieldBelowTheHeaderEndsFramingButNotForwarding() throws Exception {
        try (ProxyHarness h = new ProxyHarness()) {
            TraceEvent broken = h.client(hex("03000000 0102030405"));
            assertThat(notes(broken, Kind.VIOLATION)).singleElement().asString()
                    .contains("size field 3 is smaller than the 7-byte header");
            assertThat(broken.hex()).isEqualTo("030000000102030405");
            // Whatever follows passes as raw bytes, even well-formed frames.
            byte[] next = h.bytes(1, new Tclunk(1));
            TraceEvent raw = h.client(next);
            assertThat(raw.text()).startsWith("unframed bytes");
            assertThat(raw.notes()).isEmpty();
            // The other direction still frames and decodes.
            assertThat(h.server(1, new Rclunk()).text()).isEqualTo("Rclunk tag 1");
        }
    }

    @Test
    void streamCutInsideAFrameIsForwardedThenClosed() throws Exception {
        try (ProxyHarness h = new ProxyHarness()) {
            byte[] half = Arrays.copyOf(h.bytes(1, new Twalk(0, 1, "usr", "bin")), 12);
            h.clientSide.client().write(new ByteBuffer[] {ByteBuffer.wrap(half)}, 0, 1);
            h.clientSide.client().close();
            ByteBuffer got = ByteBuffer.allocate(12);
            h.serverSide.server().readFully(got);
            assertThat(got.array()).isEqualTo(half);
            assertThat(h.serverSide.server().read(ByteBuffer.allocate(1))).as("server sees the end").isEqualTo(-1);
            h.awaitClosed();
            TraceEvent end = h.events.stream().filter(e -> e.text().equals("client closed its side")).findFirst().orElseThrow();
            assertThat(notes(end, Kind.VIOLATION)).singleElement().asString()
                    .isEqualTo("the client's stream ended inside a frame: 12 of 27 bytes came (forwarded as they are)");
        }
    }

    @Test
    void framesTooLargeToHoldStreamThroughUndecoded() throws Exception {
        try (ProxyHarness h = new ProxyHarness()) {
            byte[] data = new byte[3 << 20];
            new Random(1).nextBytes(data);
            byte[] frame = h.bytes(7, new Twrite(1, 0, ByteBuffer.wrap(data)));
            // The server end must read concurrently: 3 MiB do not fit in a pipe.
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
                ByteBuffer b = ByteBuffer.allocate(frame.length);
                try {
                    h.serverSide.server().readFully(b);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                return b.array();
            });
            h.clientSide.client().write(new ByteBuffer[] {ByteBuffer.wrap(frame)}, 0, 1);
            assertThat(got.get()).isEqualTo(frame);
            TraceEvent e = h.events.getLast();
            assertThat(e.text()).startsWith("Twrite tag 7 (" + frame.length + " bytes, forwarded without decoding");
            // The tag is still accounted for.
            assertThat(h.server(7, new io.ninep.protocol.message.Rwrite(data.length)).flagged()).isFalse();
        }
    }

    /**
     * A request and its Tflush written together leave the proxy in one write, both reported
     * first: the proxy must not let the server answer the request before it sees the flush.
     */
    @Test
    void framesSentTogetherAreForwardedTogether() throws Exception {
        byte[] read = encode(new Frame(1, new io.ninep.protocol.message.Tread(3, 0, 100)));
        byte[] flush = encode(new Frame(2, new io.ninep.protocol.message.Tflush(1)));
        List<TraceEvent> events = forwardTogether(read, flush);
        assertThat(notes(events.getLast(), Kind.FLUSH)).singleElement().asString()
                .startsWith("flushes tag 1 (Tread, in flight");
    }

    /**
     * The same for a request larger than the proxy's 64 KiB read-ahead: the frame sent right
     * behind it (here a second request under its tag) goes with it, and is reported while the
     * first is still in flight.
     */
    @Test
    void aFrameBehindOneLargerThanTheReadAheadIsForwardedWithIt() throws Exception {
        byte[] data = new byte[70_000];
        new Random(7).nextBytes(data);
        byte[] write = encode(new Frame(5, new Twrite(3, 0, ByteBuffer.wrap(data))));
        byte[] again = encode(new Frame(5, new Tclunk(4)));
        List<TraceEvent> events = forwardTogether(write, again);
        assertThat(notes(events.getLast(), Kind.VIOLATION))
                .anyMatch(n -> n.startsWith("tag 5 is already in flight (Twrite sent"));
    }

    /**
     * Writes two frames to the proxy in one write and checks that they reach the server
     * unchanged, in one write. Returns the trace.
     */
    private static List<TraceEvent> forwardTogether(byte[] first, byte[] second) throws Exception {
        var clientSide = io.ninep.transport.PipePair.open();
        var serverSide = io.ninep.transport.PipePair.open();
        List<Integer> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        Transport recording = new Transport() {
            final Transport t = serverSide.client();

            @Override public int read(ByteBuffer dst) throws java.io.IOException { return t.read(dst); }
            @Override public void write(ByteBuffer[] srcs, int offset, int length) throws java.io.IOException {
                int n = 0;
                for (int i = offset; i < offset + length; i++) {
                    n += srcs[i].remaining();
                }
                writes.add(n);
                t.write(srcs, offset, length);
            }
            @Override public int maxMessageSize() { return t.maxMessageSize(); }
            @Override public String kind() { return t.kind(); }
            @Override public String peer() { return t.peer(); }
            @Override public boolean isOpen() { return t.isOpen(); }
            @Override public void close() throws java.io.IOException { t.close(); }
        };
        List<TraceEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        ProxyConnection c = Proxy.connect(clientSide.server(), recording, events::add, 1, java.time.Clock.systemUTC(),
                System::nanoTime);
        try {
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            write(clientSide.client(), both);
            assertThat(read(serverSide.server(), both.length)).isEqualTo(both);
            assertThat(writes).containsExactly(both.length);
            return List.copyOf(events);
        } finally {
            c.close();
            clientSide.client().close();
            serverSide.server().close();
        }
    }

    @Test
    void serverClosingClosesTheClient() throws Exception {
        try (ProxyHarness h = new ProxyHarness()) {
            h.serverSide.server().close();
            assertThat(h.clientSide.client().read(ByteBuffer.allocate(1))).isEqualTo(-1);
            h.awaitClosed();
            assertThat(h.events.stream().map(TraceEvent::text)).contains("server closed its side", "connection closed");
        }
    }

    /**
     * Over TCP through a listening proxy: the JSON trace, and a client that half-closes still
     * gets the reply the server sends afterwards, then the server's close reaches it.
     */
    @Test
    void tcpProxyWithJsonTraceAndHalfClose() throws Exception {
        ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
        PrintStream trace = new PrintStream(traceBytes, true, StandardCharsets.UTF_8);
        try (Listener server = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
             Proxy proxy = Proxy.start(new DialAddress.Tcp("127.0.0.1", 0), server.address(), TraceSink.json(trace))) {
            var a = (DialAddress.Tcp) proxy.address();
            try (SocketTransport client = new SocketTransport(SocketChannel.open(new java.net.InetSocketAddress(a.host(), a.port())))) {
                Transport serverEnd = server.accept();   // closed below, as part of the test
                byte[] tversion = encode(new Frame(P9.NOTAG, new Tversion(8192, "9P2000.L")));
                write(client, tversion);
                assertThat(read(serverEnd, tversion.length)).isEqualTo(tversion);
                client.shutdownOutput();
                assertThat(serverEnd.read(ByteBuffer.allocate(1))).as("half-close passed on").isEqualTo(-1);
                byte[] rversion = encode(new Frame(P9.NOTAG, new Rversion(8192, "9P2000.L")));
                write(serverEnd, rversion);
                assertThat(read(client, rversion.length)).isEqualTo(rversion);
                serverEnd.close();
                assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            }
        }
        String[] lines = traceBytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("{\"time\":\"").contains("\"conn\":1,\"dir\":\"event\",\"event\":\"connected: client tcp!127.0.0.1!");
        assertThat(lines[1]).contains("\"dir\":\"c2s\",\"size\":21,\"type\":\"Tversion\",\"tag\":65535,"
                + "\"fcall\":\"Tversion tag NOTAG msize 8192 version '9P2000.L'\"",
                "\"notes\":[{\"kind\":\"version\",\"text\":\"client offers msize 8192 9P2000.L\"}]");
        assertThat(lines[2]).contains("\"fcall\":\"client closed its side\"");
        assertThat(lines[3]).contains("\"dir\":\"s2c\"", "\"type\":\"Rversion\"", "\"latency_us\":",
                "{\"kind\":\"version\",\"text\":\"msize: client asked 8192 9P2000.L; server answered 8192 9P2000.L\"}");
    }

    @Test
    void unreachableServerClosesTheClient() throws Exception {
        DialAddress nowhere;
        try (Listener l = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0))) {
            nowhere = l.address();
        }
        var events = java.util.Collections.synchronizedList(new java.util.ArrayList<TraceEvent>());
        try (Proxy proxy = Proxy.start(new DialAddress.Tcp("127.0.0.1", 0), nowhere, events::add)) {
            var a = (DialAddress.Tcp) proxy.address();
            try (SocketTransport client = new SocketTransport(SocketChannel.open(new java.net.InetSocketAddress(a.host(), a.port())))) {
                assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            }
        }
        assertThat(events).singleElement().extracting(TraceEvent::text).asString().contains("cannot be reached");
    }

    private static byte[] encode(Frame f) {
        ByteBuffer b = FrameEncoder.encode(f, Dialect.P9P2000_L);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void write(Transport t, byte[] b) throws Exception {
        t.write(new ByteBuffer[] {ByteBuffer.wrap(b)}, 0, 1);
    }

    private static byte[] read(Transport t, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        t.readFully(b);
        return b.array();
    }
}
