package io.ninep.client;

import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;

/**
 * A request was cancelled and had no effect on the server: it was cancelled before it was
 * written, or the server's Rflush came before any reply (flush(5): "treated as though it had
 * never been sent"). The connection is fine. A request whose reply beat the Rflush is not
 * cancelled: its result is returned as usual.
 */
public class RequestCancelledException extends NinePException {

    /** Why the request was cancelled. */
    public enum Reason {
        /** Future.cancel or an explicit cancel. */
        CANCELLED,
        /** The caller's timeout expired. */
        TIMED_OUT,
        /** The calling thread was interrupted (its interrupt status is set again). */
        INTERRUPTED
    }

    private final Reason reason;
    private final boolean sent;

    public RequestCancelledException(MessageType request, Reason reason, boolean sent) {
        super(request.displayName() + " " + switch (reason) {
            case CANCELLED -> "was cancelled";
            case TIMED_OUT -> "timed out";
            case INTERRUPTED -> "was interrupted";
        } + (sent ? " and flushed (the server's Rflush came before any reply)" : " before it was sent"));
        this.reason = reason;
        this.sent = sent;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the request had been written (and was then flushed), or never left the client. */
    public boolean wasSent() {
        return sent;
    }
}
