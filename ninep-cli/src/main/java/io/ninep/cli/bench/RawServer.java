package io.ninep.cli.bench;

import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.transport.FileReceipt;
import io.ninep.transport.FileWrites;
import io.ninep.transport.SocketTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The far end of the plain-socket baselines: what loopback TCP and Unix sockets carry in Java
 * with no protocol on top. A client opens a connection and sends a 16-byte header (four
 * big-endian ints: mode, a, b, flags); then, by mode:
 *
 * <ul>
 *   <li>{@link #SOURCE}: the server writes buffers of {@code a} bytes until the client closes
 *       (the client reads: the direction of a 9P read);
 *   <li>{@link #SINK}: the server reads into a buffer of {@code a} bytes until the end of the
 *       stream (the client writes: the direction of a 9P write);
 *   <li>for both, {@code b} MiB (0: just the one buffer): the buffers walk a region of that size,
 *       as a server walks a large file, instead of reusing one that stays in the caches;
 *   <li>{@link #PING}: for every request of {@code a} bytes the server writes a reply of
 *       {@code b} bytes; requests that arrive together are answered with one write;
 *   <li>{@link #INTO_FILE}: as {@link #SINK}, but the chunks of {@code a} bytes go into the
 *       local backend's big file, walking its first {@code b} MiB, through the transport's
 *       receive into a file (splice(2), socket to pipe to file: the local backend's one copy), no
 *       9P: the most a server that writes what it receives into that file can move.
 * </ul>
 *
 * Flags bit 0 serves the connection on a virtual thread; otherwise on a platform thread (blocking
 * system calls, no poller: the lowest latency Java has). Buffers are direct, like the pools'.
 */
final class RawServer implements AutoCloseable {
    static final int SOURCE = 1;
    static final int SINK = 2;
    static final int PING = 3;
    static final int INTO_FILE = 4;
    static final int VIRTUAL = 1;
    static final int HEADER = 16;

    private final ServerSocketChannel tcp;
    private final ServerSocketChannel unix;
    private final Path socketFile;
    private final Path bigFile;

    private RawServer(ServerSocketChannel tcp, ServerSocketChannel unix, Path socketFile, Path bigFile) {
        this.tcp = tcp;
        this.unix = unix;
        this.socketFile = socketFile;
        this.bigFile = bigFile;
    }

    /** Listens on loopback TCP and on {@code socketFile}; {@link #INTO_FILE} writes into {@code bigFile}. */
    static RawServer start(Path socketFile, Path bigFile) throws IOException {
        ServerSocketChannel tcp = ServerSocketChannel.open();
        tcp.bind(new InetSocketAddress("127.0.0.1", 0), 64);
        Files.deleteIfExists(socketFile);
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(socketFile), 64);
        RawServer s = new RawServer(tcp, unix, socketFile, bigFile);
        Thread.ofPlatform().daemon().name("raw accept tcp").start(() -> s.acceptLoop(tcp));
        Thread.ofPlatform().daemon().name("raw accept unix").start(() -> s.acceptLoop(unix));
        return s;
    }

    String tcpAddress() throws IOException {
        return "tcp!127.0.0.1!" + ((InetSocketAddress) tcp.getLocalAddress()).getPort();
    }

    String unixAddress() {
        return "unix!" + socketFile;
    }

    private void acceptLoop(ServerSocketChannel server) {
        while (server.isOpen()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofPlatform().daemon().name("raw header").start(() -> serve(ch));
        }
    }

    private void serve(SocketChannel ch) {
        try {
            ch.configureBlocking(true);
            if (ch.getRemoteAddress() instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
            while (h.hasRemaining()) {
                if (ch.read(h) < 0) {
                    ch.close();
                    return;
                }
            }
            h.flip();
            int mode = h.getInt();
            int a = h.getInt();
            int b = h.getInt();
            int flags = h.getInt();
            Runnable work = () -> run(ch, mode, a, b);
            if ((flags & VIRTUAL) != 0) {
                Thread.ofVirtual().name("raw").start(work);
            } else {
                work.run();
            }
        } catch (IOException e) {
            closeQuietly(ch);
        }
    }

    private void run(SocketChannel ch, int mode, int a, int b) {
        try (ch) {
            switch (mode) {
                case SOURCE -> {
                    try (Region region = new Region(a, b * Sizes.MIB)) {
                        while (true) {
                            ByteBuffer buf = region.next();
                            while (buf.hasRemaining()) {
                                ch.write(buf);
                            }
                        }
                    }
                }
                case SINK -> {
                    try (Region region = new Region(a, b * Sizes.MIB)) {
                        while (true) {
                            if (ch.read(region.next()) < 0) {
                                return;
                            }
                        }
                    }
                }
                case PING -> ping(ch, a, b);
                case INTO_FILE -> intoFile(ch, a, b * Sizes.MIB);
                default -> { }
            }
        } catch (IOException e) {
            // The client closed: the end of a measurement.
        }
    }

    /**
     * Receives chunks of {@code chunk} bytes into the big file, one after another over its first
     * {@code span} bytes and again, as the local backend receives Twrite payloads (without the
     * header, which the engine reads first), until the client closes.
     */
    private void intoFile(SocketChannel ch, int chunk, long span) throws IOException {
        // Closing the transport closes the splicer's pipe and its duplicate of the socket too.
        try (SocketTransport transport = new SocketTransport(ch)) {
            if (!transport.receivesIntoFiles()) {
                return;   // the client sees the connection close at once and reports no figure
            }
            receiveIntoFile(transport, chunk, span);
        }
    }

    private void receiveIntoFile(SocketTransport transport, int chunk, long span) throws IOException {
        int fd = FdSyscalls.open(bigFile.toString().getBytes(StandardCharsets.UTF_8), LinuxAbi.O_WRONLY, bigFile);
        try {
            ByteBuffer none = ByteBuffer.allocateDirect(0);
            long slots = Math.max(span / chunk, 1);
            for (long i = 0; ; i++) {
                FileReceipt r = transport.receiveInto(none, fd, (i % slots) * chunk, chunk, FileWrites.HERE);
                if (r.failure() != null) {
                    throw r.failure();
                }
            }
        } finally {
            FdSyscalls.close(fd);
        }
    }

    /** Answers every {@code request}-byte request with a {@code reply}-byte reply. */
    private static void ping(SocketChannel ch, int request, int reply) throws IOException {
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        int maxBatch = 256;
        ByteBuffer out = ByteBuffer.allocateDirect(reply * maxBatch);
        while (true) {
            if (ch.read(in) < 0) {
                return;
            }
            int whole = in.position() / request;
            if (whole == 0) {
                continue;
            }
            in.flip();
            in.position(whole * request);
            in.compact();
            while (whole > 0) {
                int k = Math.min(whole, maxBatch);
                out.clear().limit(k * reply);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                whole -= k;
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            tcp.close();
            unix.close();
            Files.deleteIfExists(socketFile);
        } catch (IOException ignored) {
            // best effort at the end of a run
        }
    }
}
