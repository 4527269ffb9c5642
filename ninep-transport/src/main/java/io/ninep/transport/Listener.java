package io.ninep.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Accepts connections on a TCP port or a Unix socket. Closing it stops {@link #accept} (which then
 * throws) and removes the socket file of a Unix listener.
 */
public final class Listener implements Closeable {
    private final ServerSocketChannel channel;
    private final DialAddress address;
    private final Path socketFile;

    private Listener(ServerSocketChannel channel, DialAddress address, Path socketFile) {
        this.channel = channel;
        this.address = address;
        this.socketFile = socketFile;
    }

    /**
     * Binds {@code address}. Port 0 picks a free port ({@link #address()} tells which). A Unix
     * socket file left behind by a dead server is replaced; one with a live server behind it is
     * an error.
     */
    public static Listener bind(DialAddress address) throws IOException {
        return switch (address) {
            case DialAddress.Tcp tcp -> {
                ServerSocketChannel ch = ServerSocketChannel.open();
                try {
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.bind(new InetSocketAddress(tcp.host(), tcp.port()), 512);
                } catch (IOException e) {
                    ch.close();
                    throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
                }
                InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
                yield new Listener(ch, new DialAddress.Tcp(bound.getAddress().getHostAddress(), bound.getPort()), null);
            }
            case DialAddress.Unix unix -> {
                Path path = unix.path().toAbsolutePath();
                removeStaleSocket(path);
                ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.bind(UnixDomainSocketAddress.of(path), 512);
                } catch (IOException e) {
                    ch.close();
                    throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
                }
                yield new Listener(ch, new DialAddress.Unix(path), path);
            }
        };
    }

    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException("cannot listen on unix!" + path + ": a server is already listening there");
        } catch (java.net.SocketException e) {
            // Nobody answers: a socket file left behind by a server that died. Replace it.
            Files.delete(path);
        }
    }

    /** Waits for the next connection. */
    public Transport accept() throws IOException {
        SocketChannel ch = channel.accept();
        try {
            return new SocketTransport(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** The address actually bound (with the chosen port when 0 was asked for). */
    public DialAddress address() {
        return address;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
