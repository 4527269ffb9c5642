package io.ninep.protocol;

/**
 * An error that has a Linux errno: what a 9P server sends as Rlerror (or Rerror with errno), and
 * what a file server backend throws to say why an operation failed. The message says what went
 * wrong in words; {@link #errno()} says it in the number the peer will see.
 */
public class ErrnoException extends NinePException {
    private final int errno;

    public ErrnoException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public ErrnoException(Errno errno, String message) {
        this(errno.number(), message);
    }

    /** An error whose message is strerror's text, optionally about a path: "x/y: No such file or directory". */
    public ErrnoException(Errno errno) {
        this(errno.number(), errno.text());
    }

    public static ErrnoException of(Errno errno, String subject) {
        return new ErrnoException(errno, subject + ": " + errno.text());
    }

    public int errno() {
        return errno;
    }

    /** The symbolic name: "ENOENT". */
    public String errnoName() {
        return Errno.name(errno);
    }
}
