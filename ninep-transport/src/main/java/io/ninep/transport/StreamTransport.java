package io.ninep.transport;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A transport over two one-way streams: stdin/stdout (a server run by an ssh session or by
 * mount -t 9p -o trans=fd) or the pipes of a child process ({@link ProcessTransport}).
 */
public class StreamTransport implements Transport {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final String kind;
    private final String peer;
    private final int maxMessageSize;

    public StreamTransport(ReadableByteChannel in, WritableByteChannel out, String kind, String peer,
                           int maxMessageSize) {
        this.in = in;
        this.out = out;
        this.kind = kind;
        this.peer = peer;
        this.maxMessageSize = maxMessageSize;
    }

    public StreamTransport(InputStream in, OutputStream out, String kind, String peer) {
        this(Channels.newChannel(in), Channels.newChannel(out), kind, peer, DEFAULT_STREAM_MAX);
    }

    /**
     * This process's stdin and stdout. Nothing else may write to stdout afterwards (log to
     * stderr), or the peer reads garbage.
     */
    public static StreamTransport stdio() {
        return new StreamTransport(new FileInputStream(FileDescriptor.in).getChannel(),
                new FileOutputStream(FileDescriptor.out).getChannel(), "stdio", "stdio", DEFAULT_STREAM_MAX);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return in.read(dst);
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                out.write(srcs[i]);
            }
        }
    }

    @Override
    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen() && out.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }

    @Override
    public String toString() {
        return peer;
    }
}
