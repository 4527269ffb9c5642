package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file whose reads and writes a program implements, for what {@link MemoryDirectory}'s ready
 * kinds (static, computed, control, stream) do not cover. One object serves every open of the
 * file, from many threads at once.
 *
 * <p>A method may block (a read waiting for data); it must then return promptly when its thread
 * is interrupted, by throwing {@link java.io.InterruptedIOException}: that is how a client's
 * Tflush reaches it. Errors are {@link ErrnoException}s with the errno the client should see.
 */
public interface SyntheticFile {

    /** Reads into {@code dst} from {@code offset}; returns how many bytes, 0 at the end. */
    default int read(long offset, ByteBuffer dst) throws IOException {
        throw new ErrnoException(Errno.EACCES, "this file cannot be read");
    }

    /** Writes {@code src}'s remaining bytes at {@code offset}; returns how many were taken. */
    default int write(long offset, ByteBuffer src) throws IOException {
        throw new ErrnoException(Errno.EACCES, "this file cannot be written");
    }

    /** The size stat reports (0 for a file whose content is made on demand). */
    default long size() {
        return 0;
    }
}
