package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** What a synthetic file does: its size for stat, and a handle per open for reads and writes. */
interface SyntheticContent {

    long size();

    /** Whether writes mean anything; if not, opening for writing fails (EACCES), even for root. */
    default boolean writable() {
        return true;
    }

    Handle open(int flags) throws IOException;

    /** One open of a synthetic file. */
    interface Handle {
        default int read(long offset, ByteBuffer dst) throws IOException {
            throw new ErrnoException(Errno.EBADF, "not readable");
        }

        default int write(long offset, ByteBuffer src) throws IOException {
            throw new ErrnoException(Errno.EBADF, "not writable");
        }

        default void close() {
        }
    }
}
