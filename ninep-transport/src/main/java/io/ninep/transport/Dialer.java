package io.ninep.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Opens client connections. */
public final class Dialer {
    private Dialer() {}

    /** Connects to {@code address}, giving up after {@code timeout} (TCP only; Unix sockets connect at once or fail). */
    public static Transport dial(DialAddress address, Duration timeout) throws IOException {
        return switch (address) {
            case DialAddress.Tcp tcp -> {
                SocketChannel ch = SocketChannel.open();
                try {
                    ch.socket().connect(new InetSocketAddress(tcp.host(), tcp.port()),
                            (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                    yield new SocketTransport(ch);
                } catch (IOException e) {
                    ch.close();
                    throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
                }
            }
            case DialAddress.Unix unix -> {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(unix.path()));
                    yield new SocketTransport(ch);
                } catch (IOException e) {
                    ch.close();
                    throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
                }
            }
        };
    }

    public static Transport dial(String address, Duration timeout) throws IOException {
        return dial(DialAddress.parse(address), timeout);
    }
}
