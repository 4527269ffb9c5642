package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.IncomingBytes;
import io.ninep.transport.FileReceipt;
import io.ninep.transport.FrameReader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The payload of a large Twrite, left on the connection for its request to write straight into
 * the file (see {@link Connection#receiveWrite}). The reader runs that request itself, then
 * {@link #afterRequest} puts the stream past the payload, whatever the request did with it.
 */
final class IncomingWrite implements IncomingBytes {
    private final FrameReader reader;
    private final int count;
    /** Whether the payload left the stream (written or read). */
    private boolean taken;
    private IOException streamFailure;

    IncomingWrite(FrameReader reader, int count) {
        this.reader = reader;
        this.count = count;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int writeTo(int fd, long offset, FileSteps where) throws IOException {
        take();
        FileReceipt receipt;
        try {
            receipt = reader.receiveInto(fd, offset, count, step -> where.run(step::run));
        } catch (IOException | RuntimeException | Error e) {   // where the stream stands is unknown now
            throw lost(e);
        }
        if (receipt.failure() != null && receipt.written() == 0) {
            throw receipt.failure();
        }
        return receipt.written();
    }

    @Override
    public void readInto(ByteBuffer[] dsts) throws IOException {
        long room = 0;
        for (ByteBuffer d : dsts) {
            room += d.remaining();
        }
        if (room != count) {
            throw new IllegalArgumentException("buffers with room for " + room + " bytes for a payload of " + count);
        }
        take();
        try {
            for (ByteBuffer d : dsts) {
                reader.readBody(d, d.remaining());
            }
        } catch (IOException | RuntimeException | Error e) {
            throw lost(e);
        }
    }

    /** Reads the payload into {@code dst} instead, for a file that cannot take it from the connection. */
    void readInto(ByteBuffer dst) throws IOException {
        take();
        try {
            reader.readBody(dst, count);
        } catch (IOException | RuntimeException | Error e) {
            throw lost(e);
        }
    }

    /**
     * Taking the payload failed part way: the stream cannot be read past it, so the reader closes
     * the connection with {@code e}; the request ends with an error nobody will read, and no
     * warning of its own.
     */
    private RequestError lost(Throwable e) {
        streamFailure = e instanceof IOException io ? io : new IOException("taking a Twrite's payload failed: " + e, e);
        return new RequestError(Errno.EIO, "the connection failed inside the payload: " + e.getMessage());
    }

    private void take() {
        if (taken) {
            throw new IllegalStateException("a Twrite's payload is taken once");
        }
        taken = true;
    }

    /**
     * Once the request has run (or was refused): skips the payload if nobody took it.
     *
     * @throws IOException the stream's failure while the request read from it: the connection is lost
     */
    void afterRequest() throws IOException {
        if (streamFailure != null) {
            throw streamFailure;
        }
        if (!taken) {
            reader.skip(count);
        }
    }
}
