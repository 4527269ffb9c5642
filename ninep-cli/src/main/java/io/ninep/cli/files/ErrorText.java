package io.ninep.cli.files;

import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.ErrnoMapping;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;

/**
 * The words after "PATH: " in an error message, as strerror(3) says them: "No such file or
 * directory", whether the errno came from the server (Rlerror, 9P2000.u's errno, a 9P2000 error
 * string) or from this machine's file system.
 */
public final class ErrorText {
    private ErrorText() {}

    /** strerror's text for what went wrong. */
    public static String of(Throwable e) {
        return switch (e) {
            case RemoteErrorException r -> remote(r);
            case ErrnoException x -> Errno.describe(x.errno());
            case ConnectionClosedException c -> "connection lost" + (c.getCause() == null
                    ? (c.getMessage() == null ? "" : ": " + c.getMessage()) : ": " + of(c.getCause()));
            case RequestCancelledException c -> "Interrupted";
            case UnknownHostException u -> "Name or service not known";
            case SocketTimeoutException t -> "Connection timed out";
            case ConnectException c -> c.getMessage() == null ? "Connection refused" : c.getMessage();
            case FileSystemException f -> local(f);
            case IOException io when io.getMessage() != null -> io.getMessage();
            default -> {
                int errno = ErrnoMapping.errnoOf(e);
                yield errno == Errno.EIO.number() && e.getMessage() != null ? e.getMessage() : Errno.describe(errno);
            }
        };
    }

    /**
     * The errno's text; but when a 9P2000 server's own string named no errno we know (the
     * errno is then EIO by default), its own words say more.
     */
    private static String remote(RemoteErrorException r) {
        if (r.errno() == Errno.EIO.number() && !r.serverText().isEmpty()) {
            return r.serverText();
        }
        return Errno.describe(r.errno());
    }

    private static String local(FileSystemException f) {
        if (f.getReason() != null) {
            return f.getReason();
        }
        return Errno.describe(ErrnoMapping.errnoOf(f));
    }

    /** The errno of a remote error, or -1 if {@code e} is not one. */
    public static int errno(Throwable e) {
        return e instanceof ErrnoException x ? x.errno() : -1;
    }

    /** Whether {@code e} is a remote (or local) error with this errno. */
    public static boolean is(Throwable e, Errno errno) {
        return errno(e) == errno.number();
    }

    /** Single quotes as coreutils puts them around a name: 'a b'; "it's" when the name holds one. */
    public static String quote(String name) {
        if (name.indexOf('\'') < 0) {
            return "'" + name + "'";
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
