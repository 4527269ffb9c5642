package io.ninep.client.rpc;

import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.ErrorReply;
import io.ninep.protocol.message.TMessage;
import java.io.IOException;

/**
 * What a settled request means to its caller: a reply, or one of the typed exceptions. The
 * exceptions are made when asked, on the caller's thread for blocking calls, so that their
 * stack traces show the call.
 */
final class Outcomes {
    private static final System.Logger LOG = System.getLogger("io.ninep.client");

    private Outcomes() {}

    /** The exception a settled request ends with, or null if it succeeded. */
    static Throwable failureOf(Request r, String peer) {
        MessageType type = r.message.type();
        return switch (r.state) {
            case FAILED -> closed(peer, r.failure);
            case CANCELLED -> new RequestCancelledException(type, r.cancelReason, false);
            case FLUSHED, REPLIED -> {
                if (!r.answered) {
                    yield new RequestCancelledException(type, r.cancelReason, true);
                }
                if (r.failure != null) {
                    yield r.failure;
                }
                if (r.reply instanceof ErrorReply e) {
                    yield RemoteErrorException.of(type, e);
                }
                yield null;
            }
            default -> new IllegalStateException(r + " is not settled");
        };
    }

    /** The exception of a closed connection, saying why it closed. */
    static ConnectionClosedException closed(String peer, Throwable cause) {
        String why = cause instanceof ConnectionClosedException cc ? cc.getMessage()
                : cause == null ? "closed" : cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new ConnectionClosedException("9P connection to " + peer + " is closed: " + why, cause);
    }

    /**
     * Completes an asynchronous request's future: with the handler's value, or exceptionally.
     * Exactly one of the handler's convert (delivered), orphaned and failed is called.
     */
    static <T> void complete(RpcFuture<T> f, Request r, String peer) {
        Throwable t = failureOf(r, peer);
        if (t != null) {
            f.settleExceptionally(t);
            failed(f, r.message);
            return;
        }
        T value;
        try {
            value = f.handler.convert(r.reply, r.count);
        } catch (IOException | RuntimeException e) {
            f.settleExceptionally(e);
            failed(f, r.message);
            return;
        }
        if (!f.complete(value)) {
            // Cancelled by the caller, but the reply beat the Rflush: it took effect on the
            // server, and nobody will read it.
            try {
                f.handler.orphaned(r.message, r.reply);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cleaning up after a cancelled " + r.message.type() + " failed", e);
            }
        }
    }

    /** Tells the handler that its request ended without a successful reply. */
    static void failed(RpcFuture<?> f, TMessage message) {
        try {
            f.handler.failed(message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cleaning up after a failed " + message.type() + " failed", e);
        }
    }
}
