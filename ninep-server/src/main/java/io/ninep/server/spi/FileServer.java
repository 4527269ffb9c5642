package io.ninep.server.spi;

import java.io.IOException;

/**
 * A tree of files that ninep serves over 9P, in 9P2000.L terms. The engine turns every request
 * into calls on the {@link FileNode} each fid holds and on the {@link OpenFile} an open fid
 * holds; 9P2000 and 9P2000.u requests (open, create, stat, wstat, reads of directories) are
 * served through the same calls. Fid bookkeeping (which fid holds which node, walking to a new
 * fid, clunking, the fid of a removed file) is the engine's, never a backend's.
 *
 * <p>Errors: throw {@link io.ninep.protocol.ErrnoException} with the errno the client should see,
 * or a java.nio.file exception that {@link io.ninep.protocol.ErrnoMapping#errnoOf} maps
 * (NoSuchFileException to ENOENT, ...). Any other exception is sent as EIO and logged.
 *
 * <p>Cancellation: when a client flushes a request, the engine interrupts the virtual thread
 * running it. A method that can block for long (a read of a synthetic stream waiting for data)
 * must return promptly on interrupt, by throwing {@link java.io.InterruptedIOException} or
 * {@link InterruptedException} wrapped in one. Short operations may ignore interrupts; they must
 * not leave state half-changed because of one (beware {@link java.nio.channels.FileChannel},
 * which closes itself when a thread blocked in it is interrupted).
 *
 * <p>Implementations: {@code LocalFileServer} (a directory of this machine) and
 * {@code MemoryFileServer} (synthetic files published by a Java program).
 */
public interface FileServer extends AutoCloseable {

    /**
     * Tattach: the root of the tree {@code aname} for {@code user}. May be called concurrently
     * for different users and trees.
     *
     * @throws io.ninep.protocol.ErrnoException ENOENT for an unknown aname, EACCES/EPERM for a
     *     user who may not attach
     */
    FileNode attach(Identity user, String aname) throws IOException;

    /** Whether changes are refused (EROFS). The engine reports it in statfs and its logs. */
    default boolean isReadOnly() {
        return false;
    }

    /** The server is stopping: release what the tree holds. Called once, after every connection closed. */
    @Override
    default void close() throws IOException {
    }
}
