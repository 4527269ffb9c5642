package io.ninep.server.spi;

import java.io.IOException;

/**
 * A Twrite's payload still on its way in: the bytes have not been read from the connection, so
 * a file with a descriptor can have them written straight into it
 * ({@link OpenFile#write(long, IncomingBytes)}), without the copy into a buffer that a read
 * makes. The connection reads nothing else until the payload is taken, so take it promptly.
 */
public interface IncomingBytes {

    /** The payload's size (Twrite's count). */
    int count();

    /**
     * Takes the whole payload from the connection and writes it into the file open on descriptor
     * {@code fd} at {@code offset} (splice(2) where the transport allows, else pwrite(2)); at most
     * once. Returns how many bytes the file took, fewer than {@link #count} if it failed part way,
     * as pwrite would; throws the file's error if it took none, or an I/O error if the connection
     * failed. A system call on this thread, like pwrite: call it where the write must run (as the
     * user, for the local backend).
     */
    int writeTo(int fd, long offset) throws IOException;
}
