package io.ninep.client.nio;

import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoMapping;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns what the client throws into what java.nio.file callers expect, with the path (or the
 * two paths) of the call in it:
 * <ul>
 *   <li>the server's error: the standard exception for its errno
 *       ({@link ErrnoMapping#toNioException}): NoSuchFileException, AccessDeniedException, ...,
 *       else a FileSystemException with the server's text; the client's exception is the cause;
 *   <li>the connection is gone because the file system was closed:
 *       {@link ClosedFileSystemException}, as the API requires;
 *   <li>the connection is gone otherwise (the server hung up, the network failed, the server
 *       broke the protocol): a {@link FileSystemException} whose reason says so, with the
 *       {@link ConnectionClosedException} as its cause. It is an IOException like any other
 *       failure of the call, not an unchecked exception arriving from an ordinary
 *       {@code Files.readAllBytes}; every later call fails the same way until the file system is
 *       closed;
 *   <li>an interrupt (the request was flushed): {@link InterruptedIOException}, the thread's
 *       interrupt status set again.
 * </ul>
 */
final class Errors {
    private Errors() {}

    static IOException translate(NinepFileSystem fs, IOException e, Object file, Object other) {
        String f = file == null ? null : file.toString();
        String o = other == null ? null : other.toString();
        return switch (e) {
            case RemoteErrorException r -> jdkStyle(r.toNioException(f, o), r.serverText().isEmpty()
                    || r.serverText().equalsIgnoreCase(Errno.describe(r.errno())));
            case ConnectionClosedException c -> {
                if (!fs.isOpen()) {
                    throw closed(c);
                }
                FileSystemException x = new FileSystemException(f, o, "connection to " + fs + " lost: " + c.getMessage());
                x.initCause(c);
                yield x;
            }
            case RequestCancelledException c -> {
                InterruptedIOException x = new InterruptedIOException((f == null ? "" : f + ": ") + c.getMessage());
                x.initCause(c);
                yield x;
            }
            case FileSystemException already -> already;
            case InterruptedIOException already -> already;
            default -> {
                FileSystemException x = new FileSystemException(f, o, e.getMessage());
                x.initCause(e);
                yield x;
            }
        };
    }

    static ClosedFileSystemException closed(Throwable cause) {
        ClosedFileSystemException x = new ClosedFileSystemException();
        x.initCause(cause);
        return x;
    }

    /** The exception for an errno the client decided on itself (no server reply behind it). */
    static IOException errno(Errno errno, Object file, Object other) {
        return jdkStyle(ErrnoMapping.toNioException(errno.number(), null, file == null ? null : file.toString(),
                other == null ? null : other.toString()), true);
    }

    /**
     * As the JDK's Unix provider: NoSuchFileException, FileAlreadyExistsException and
     * AccessDeniedException carry no reason (their message is the path), unless the server said
     * something more than strerror's text.
     */
    private static IOException jdkStyle(IOException e, boolean noServerText) {
        if (!noServerText || !(e instanceof FileSystemException x)) {
            return e;
        }
        FileSystemException plain = switch (x) {
            case NoSuchFileException n -> new NoSuchFileException(n.getFile(), n.getOtherFile(), null);
            case FileAlreadyExistsException a -> new FileAlreadyExistsException(a.getFile(), a.getOtherFile(), null);
            case AccessDeniedException a -> new AccessDeniedException(a.getFile(), a.getOtherFile(), null);
            default -> x;
        };
        if (plain != x) {
            plain.initCause(x.getCause());
        }
        return plain;
    }

    /** The same kind of exception about {@code path} instead, with {@code e} as its cause. */
    static FileSystemException about(FileSystemException e, Object path) {
        String f = path.toString();
        FileSystemException x = switch (e) {
            case NoSuchFileException n -> new NoSuchFileException(f, null, n.getReason());
            case AccessDeniedException a -> new AccessDeniedException(f, null, a.getReason());
            case java.nio.file.FileSystemLoopException l -> new java.nio.file.FileSystemLoopException(f);
            default -> new FileSystemException(f, null, e.getReason());
        };
        x.initCause(e);
        return x;
    }

    /** Whether {@code e} is the server saying {@code errno}. */
    static boolean is(IOException e, Errno errno) {
        return e instanceof RemoteErrorException r && r.errno() == errno.number();
    }
}
