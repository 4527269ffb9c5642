package io.ninep.client.rpc;

import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.TMessage;
import java.io.IOException;

/**
 * Turns the reply of an asynchronous request into the future's value, on the connection's
 * reader thread (keep it short), and cleans up after a reply nobody will take. Exactly one of
 * {@link #convert} (with the value delivered), {@link #orphaned} and {@link #failed} ends every
 * request, so a handler can keep exact accounts (fid numbers, say) whatever the outcome.
 *
 * @param <T> the future's value
 */
public interface ReplyHandler<T> {

    /** Passes the reply through (null for a zero-copy read; see {@link #COUNT}). */
    ReplyHandler<RMessage> REPLY = (reply, count) -> reply;

    /** The byte count of a zero-copy read. */
    ReplyHandler<Integer> COUNT = (reply, count) -> count;

    /**
     * The value for a successful reply.
     *
     * @param reply the decoded reply, or null for a zero-copy read or readdir
     * @param count the bytes placed in the destination buffer of a zero-copy request
     */
    T convert(RMessage reply, int count) throws IOException;

    /**
     * A successful reply arrived for a request whose future had already been cancelled: the
     * reply won the race with the Tflush, so flush(5) says it took effect ("Twalk may have
     * allocated a fid") and the client must account for it, for example by clunking the fid
     * the walk made. Runs on the reader thread; must not block.
     */
    default void orphaned(TMessage request, RMessage reply) {
    }

    /**
     * The request ended without a successful reply: an error reply, a flush that beat the
     * reply, a cancellation before it was sent, a lost connection, or a {@link #convert} that
     * threw. Called once, whether or not the future was cancelled, after the future is done.
     */
    default void failed(TMessage request) {
    }
}
