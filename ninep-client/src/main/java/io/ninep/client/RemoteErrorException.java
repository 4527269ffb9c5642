package io.ninep.client;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.ErrnoMapping;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.ErrorReply;
import io.ninep.protocol.message.Rerror;
import java.io.IOException;

/**
 * The server answered a request with Rlerror or Rerror. {@link #errno()} is the Linux errno
 * (from Rlerror, from 9P2000.u's errno field, or recognised from a 9P2000 error string; EIO if
 * none of these says), {@link #serverText()} the server's own words, if it sent any. The
 * connection is fine.
 *
 * <p>{@link #toNioException} gives the java.nio.file exception a Java program expects
 * (NoSuchFileException for ENOENT, ...), through {@link ErrnoMapping}.
 */
public class RemoteErrorException extends ErrnoException {
    private final MessageType request;
    private final String serverText;

    public RemoteErrorException(MessageType request, int errno, String serverText) {
        super(errno, message(request, errno, serverText));
        this.request = request;
        this.serverText = serverText == null ? "" : serverText;
    }

    /** The exception for an error reply to {@code request}. */
    public static RemoteErrorException of(MessageType request, ErrorReply reply) {
        return new RemoteErrorException(request, errnoOf(reply), reply.text());
    }

    /** The errno an error reply stands for: its own, else the one its text names, else EIO. */
    public static int errnoOf(ErrorReply reply) {
        if (reply.errno() != 0) {
            return reply.errno();
        }
        if (reply instanceof Rerror r) {
            Errno e = Errno.fromText(r.ename());
            if (e != null) {
                return e.number();
            }
        }
        return Errno.EIO.number();
    }

    private static String message(MessageType request, int errno, String text) {
        String base = request.displayName() + ": " + Errno.describe(errno) + " (" + Errno.name(errno) + ")";
        return text == null || text.isEmpty() || text.equalsIgnoreCase(Errno.describe(errno))
                ? base : base + ": " + text;
    }

    /** The request that failed. */
    public MessageType request() {
        return request;
    }

    /** The server's error string (9P2000, 9P2000.u), or "" (Rlerror carries none). */
    public String serverText() {
        return serverText;
    }

    /** The java.nio.file exception for this error about {@code file} (and {@code other}, for renames and links). */
    public IOException toNioException(String file, String other) {
        IOException e = ErrnoMapping.toNioException(errno(), serverText.isEmpty() ? null : serverText, file, other);
        e.initCause(this);
        return e;
    }
}
