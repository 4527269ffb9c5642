package io.ninep.cli.bench;

import io.ninep.transport.DialAddress;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The client end of a {@link RawServer} connection: blocking socket channel, direct buffers. */
final class RawClient implements AutoCloseable {
    final SocketChannel channel;

    private RawClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the raw server at {@code address} and asks for {@code mode}. */
    static RawClient open(String address, int mode, int a, int b, int flags) throws IOException {
        SocketChannel ch = switch (DialAddress.parse(address)) {
            case DialAddress.Tcp tcp -> {
                SocketChannel c = SocketChannel.open(new InetSocketAddress(tcp.host(), tcp.port()));
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                yield c;
            }
            case DialAddress.Unix unix -> SocketChannel.open(UnixDomainSocketAddress.of(unix.path()));
        };
        ch.configureBlocking(true);
        ByteBuffer h = ByteBuffer.allocate(RawServer.HEADER).putInt(mode).putInt(a).putInt(b).putInt(flags).flip();
        while (h.hasRemaining()) {
            ch.write(h);
        }
        return new RawClient(ch);
    }

    /** Reads until {@code dst} is full. */
    void readFully(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (channel.read(dst) < 0) {
                throw new EOFException("the raw server closed the connection");
            }
        }
    }

    void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
