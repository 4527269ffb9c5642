package io.ninep.server.testing;

import io.ninep.server.Connection;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.FileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.Transport;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.StreamTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A server for engine tests, and raw clients connected to it over TCP, a Unix socket or a pipe.
 * {@link #close} closes every client, waits for the server to close each connection, and fails
 * if any connection still had a request pending or a buffer lent: the checks every engine test
 * ends with.
 */
public final class ServerFixture implements AutoCloseable {

    /** How a client reaches the server. */
    public enum Kind { TCP, UNIX, PIPE }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final NinepServer server;
    private final Map<RawClient, Connection> connections = new IdentityHashMap<>();
    private final List<RawClient> clients = new ArrayList<>();
    private final List<Connection> all = new ArrayList<>();
    private Listener tcp;
    private Listener unix;
    private Path unixDir;
    private int pipeLimit = Transport.DEFAULT_STREAM_MAX;
    private int clientReceiveBuffer;   // 0: the system's, which autotunes
    private UnaryOperator<Transport> serverSideWrapper = UnaryOperator.identity();

    public ServerFixture(FileServer fs, ServerConfig config) {
        this.server = new NinepServer(fs, config);
    }

    public NinepServer server() {
        return server;
    }

    /** The largest message the pipe transports of later {@link Kind#PIPE} connections carry. */
    public ServerFixture pipeLimit(int bytes) {
        this.pipeLimit = bytes;
        return this;
    }

    /**
     * The socket receive buffer (SO_RCVBUF) of later TCP clients, fixed before they connect, so
     * that what a client that stops reading leaves in flight does not depend on the machine.
     */
    public ServerFixture clientReceiveBuffer(int bytes) {
        this.clientReceiveBuffer = bytes;
        return this;
    }

    /** What the server serves of later connections: their transport as {@code wrapper} makes it. */
    public ServerFixture serverSide(UnaryOperator<Transport> wrapper) {
        this.serverSideWrapper = wrapper;
        return this;
    }

    public RawClient connect() throws IOException {
        return connect(Kind.TCP);
    }

    /** A client connected over {@code kind}; the server serves it on a connection of its own. */
    public RawClient connect(Kind kind) throws IOException {
        Transport clientSide;
        Transport serverSide;
        switch (kind) {
            case TCP -> {
                if (tcp == null) {
                    tcp = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0));
                }
                var a = (DialAddress.Tcp) tcp.address();
                SocketChannel ch = SocketChannel.open();
                if (clientReceiveBuffer > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, clientReceiveBuffer);
                }
                ch.connect(new InetSocketAddress(a.host(), a.port()));
                clientSide = new SocketTransport(ch);
                serverSide = tcp.accept();
            }
            case UNIX -> {
                if (unix == null) {
                    unixDir = Files.createTempDirectory("ninep-test");
                    unix = Listener.bind(new DialAddress.Unix(unixDir.resolve("s")));
                }
                var a = (DialAddress.Unix) unix.address();
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(a.path()));
                clientSide = new SocketTransport(ch);
                serverSide = unix.accept();
            }
            case PIPE -> {
                Pipe toServer = Pipe.open();
                Pipe toClient = Pipe.open();
                clientSide = new StreamTransport(toClient.source(), toServer.sink(), "pipe", "pipe!client", pipeLimit);
                serverSide = new StreamTransport(toServer.source(), toClient.sink(), "pipe", "pipe!server", pipeLimit);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        Connection c = server.serve(serverSideWrapper.apply(serverSide));
        RawClient client = new RawClient(clientSide);
        connections.put(client, c);
        clients.add(client);
        all.add(c);
        return client;
    }

    /** The server's side of {@code client}'s connection. */
    public Connection connection(RawClient client) {
        return connections.get(client);
    }

    /** Waits until the server has finished every request of {@code client} and checks nothing is left lent. */
    public void assertQuiet(RawClient client) throws InterruptedException {
        Connection c = connection(client);
        if (!c.awaitIdle(WAIT)) {
            throw new AssertionError(c + ": " + c.pendingRequests() + " requests still pending");
        }
        PoolStats s = c.poolStats();
        if (s.inUse() != 0) {
            throw new AssertionError(c + ": buffers still lent: " + s);
        }
    }

    private static boolean awaitClosed(Connection c) {
        try {
            return c.awaitClosed(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + c + " to close", e);
        }
    }

    /** Closes {@code client} and waits for the server to close its side. */
    public Connection disconnect(RawClient client) throws IOException, InterruptedException {
        client.close();
        Connection c = connection(client);
        if (!c.awaitClosed(WAIT)) {
            throw new AssertionError(c + " did not close after its client did");
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        AssertionError failure = null;
        for (RawClient c : clients) {
            c.close();
        }
        for (Connection c : all) {
            if (!awaitClosed(c)) {
                failure = new AssertionError(c + " did not close");
                continue;
            }
            if (c.pendingRequests() != 0) {
                failure = new AssertionError(c + ": " + c.pendingRequests() + " requests pending after close");
            } else if (c.poolStats().inUse() != 0) {
                failure = new AssertionError(c + ": buffers lent after close: " + c.poolStats());
            } else if (c.fidCount() != 0) {
                failure = new AssertionError(c + ": " + c.fidCount() + " fids left after close");
            }
        }
        server.close();
        if (tcp != null) {
            tcp.close();
        }
        if (unix != null) {
            unix.close();
            Files.deleteIfExists(unixDir);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
