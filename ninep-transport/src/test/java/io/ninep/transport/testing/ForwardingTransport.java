package io.ninep.transport.testing;

import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A transport that passes everything to another; a test's transport overrides the calls it watches or shapes. */
public abstract class ForwardingTransport implements Transport {
    protected final Transport inner;

    protected ForwardingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return inner.read(dst);
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        inner.write(srcs, offset, length);
    }

    @Override
    public void transferFrom(FileChannel file, long position, int count) throws IOException {
        inner.transferFrom(file, position, count);
    }

    @Override
    public int maxMessageSize() {
        return inner.maxMessageSize();
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public String peer() {
        return inner.peer();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public boolean pollReadable(long nanos) throws IOException {
        return inner.pollReadable(nanos);
    }
}
