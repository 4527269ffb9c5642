package io.ninep.server.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A Twrite's payload still on its way in: the bytes have not been read from the connection, so
 * a file with a descriptor can have them written straight into it, and a file kept in buffers can
 * have them read straight into those ({@link OpenFile#write(long, IncomingBytes)}), without the
 * copy into a buffer of the engine's that a read makes. The connection reads nothing else until the payload is taken, so take it promptly.
 */
public interface IncomingBytes {

    /** The payload's size (Twrite's count). */
    int count();

    /**
     * Takes the whole payload from the connection and writes it into the file open on descriptor
     * {@code fd} at {@code offset} (splice(2) where the transport allows, else pwrite(2)); at most
     * once. Returns how many bytes the file took, fewer than {@link #count} if it failed part way,
     * as pwrite would; throws the file's error if it took none, or an I/O error if the connection
     * failed. The steps that write the file run through {@code where} (for the local backend: as
     * the user); the ones that read the connection run on the calling thread.
     */
    int writeTo(int fd, long offset, FileSteps where) throws IOException;

    /**
     * Takes the whole payload from the connection into {@code dsts}, in order, each from its
     * position to its limit (their room must add up to {@link #count}); at most once, and on any
     * transport. For a file that keeps its bytes in buffers ({@link OpenFile#receivesIntoBuffers}):
     * the bytes are read once, by the kernel's copy from the socket. Throws an I/O error if the
     * connection failed; the buffers then hold part of the payload.
     */
    void readInto(ByteBuffer[] dsts) throws IOException;

    /** Runs the steps that write the file where its writes must run. */
    @FunctionalInterface
    interface FileSteps {
        /** Runs {@code step} (system calls on descriptors, plain fields set; no locks, no waking threads). */
        void run(Step step) throws IOException;
    }

    /** One step of writing the file. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }
}
