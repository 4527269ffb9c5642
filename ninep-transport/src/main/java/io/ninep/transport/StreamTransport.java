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
    private final java.io.Flushable flushAfterWrite;
    private final String kind;
    private final String peer;
    private final int maxMessageSize;

    public StreamTransport(ReadableByteChannel in, WritableByteChannel out, String kind, String peer,
                           int maxMessageSize) {
        this(in, out, null, kind, peer, maxMessageSize);
    }

    private StreamTransport(ReadableByteChannel in, WritableByteChannel out, java.io.Flushable flushAfterWrite,
                            String kind, String peer, int maxMessageSize) {
        this.in = in;
        this.out = out;
        this.flushAfterWrite = flushAfterWrite;
        this.kind = kind;
        this.peer = peer;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Over streams. The output stream is flushed after every message, since streams such as a
     * child process's stdin are buffered and would otherwise hold a request back.
     */
    public StreamTransport(InputStream in, OutputStream out, String kind, String peer) {
        this(Channels.newChannel(in), Channels.newChannel(out), out, kind, peer, DEFAULT_STREAM_MAX);
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
        if (flushAfterWrite != null) {
            flushAfterWrite.flush();
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
