package io.ninep.protocol;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * The one place where errno values meet Java's exceptions, both ways: a server turns what its
 * backend threw into the errno it sends; a client turns the errno it received into the
 * java.nio.file exception a Java program expects.
 */
public final class ErrnoMapping {
    private ErrnoMapping() {}

    /** The errno to send for an exception thrown while serving a request. */
    public static int errnoOf(Throwable t) {
        return switch (t) {
            case ErrnoException e -> e.errno();
            case NoSuchFileException e -> Errno.ENOENT.number();
            case FileNotFoundException e -> Errno.ENOENT.number();
            case FileAlreadyExistsException e -> Errno.EEXIST.number();
            case DirectoryNotEmptyException e -> Errno.ENOTEMPTY.number();
            case NotDirectoryException e -> Errno.ENOTDIR.number();
            case AccessDeniedException e -> Errno.EACCES.number();
            case NotLinkException e -> Errno.EINVAL.number();
            case FileSystemLoopException e -> Errno.ELOOP.number();
            case AtomicMoveNotSupportedException e -> Errno.EXDEV.number();
            case ReadOnlyFileSystemException e -> Errno.EROFS.number();
            case ClosedByInterruptException e -> Errno.EINTR.number();
            case InterruptedIOException e -> Errno.EINTR.number();
            case UnsupportedOperationException e -> Errno.EOPNOTSUPP.number();
            case IllegalArgumentException e -> Errno.EINVAL.number();
            case SecurityException e -> Errno.EPERM.number();
            case OutOfMemoryError e -> Errno.ENOMEM.number();
            case FileSystemException e -> fromReason(e.getReason());
            default -> Errno.EIO.number();
        };
    }

    /** Java's FileSystemException reasons are strerror texts ("Is a directory"): map them back. */
    private static int fromReason(String reason) {
        if (reason != null) {
            Errno e = Errno.fromText(reason);
            if (e != null) {
                return e.number();
            }
        }
        return Errno.EIO.number();
    }

    /**
     * The java.nio.file exception for an errno a server sent about {@code file} (and
     * {@code other}, for renames and links): NoSuchFileException for ENOENT,
     * AccessDeniedException for EACCES and EPERM, and so on; a FileSystemException with
     * strerror's text for the rest. The server's own text, if any, is kept as the reason.
     */
    public static IOException toNioException(int errno, String serverText, String file, String other) {
        Errno e = Errno.of(errno);
        String reason = serverText == null || serverText.isEmpty() ? Errno.describe(errno) : serverText;
        if (e == null) {
            return new FileSystemException(file, other, reason);
        }
        return switch (e) {
            case ENOENT -> new NoSuchFileException(file, other, reason);
            case EEXIST -> new FileAlreadyExistsException(file, other, reason);
            case ENOTEMPTY -> new DirectoryNotEmptyException(file);
            case ENOTDIR -> new NotDirectoryException(file);
            case EACCES, EPERM -> new AccessDeniedException(file, other, reason);
            case ELOOP -> new FileSystemLoopException(file);
            case EXDEV -> new AtomicMoveNotSupportedException(file, other, reason);
            default -> new FileSystemException(file, other, reason);
        };
    }
}
