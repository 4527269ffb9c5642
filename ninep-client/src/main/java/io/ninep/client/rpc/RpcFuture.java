package io.ninep.client.rpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The future of an asynchronous 9P request. It completes on the connection's reader thread, so
 * dependent stages added with {@code thenApply} and the like run there: keep them short, or use
 * the {@code *Async} variants. Blocking 9P calls made on the reader thread are refused.
 *
 * <p>{@link #cancel} (and {@link #completeExceptionally}, which {@code orTimeout} uses) cancels
 * the request: one not yet written is dropped and nothing is sent; one on the wire gets a
 * Tflush. The future is cancelled at once, as {@link java.util.concurrent.Future} promises, but
 * the request keeps its tag and buffers until the server's Rflush. If the reply wins that race,
 * flush(5) says it took effect; it is then handed to {@link ReplyHandler#orphaned} so that the
 * client can undo what it holds (clunk a fid a walk made). The payload of a read that is
 * cancelled is discarded, never written into the caller's buffer after {@code cancel} returned.
 *
 * @param <T> the value
 */
public final class RpcFuture<T> extends CompletableFuture<T> {
    private static final VarHandle CANCELLING;

    static {
        try {
            CANCELLING = MethodHandles.lookup().findVarHandle(RpcFuture.class, "cancelling", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Exchanges exchanges;
    private final Request request;
    private final int generation;
    final ReplyHandler<T> handler;
    @SuppressWarnings("unused")   // through CANCELLING
    private volatile boolean cancelling;

    RpcFuture(Exchanges exchanges, Request request, ReplyHandler<T> handler) {
        this.exchanges = exchanges;
        this.request = request;
        this.generation = request.generation;
        this.handler = handler;
    }

    /**
     * Cancels the request (see the class comment). As {@link CompletableFuture#cancel}, answers
     * true whenever the future ends up cancelled, so a second call answers true again; only the
     * first one acts.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && CANCELLING.compareAndSet(this, false, true)) {
            exchanges.cancelFuture(request, generation);
        }
        return cancelled;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        if (!super.completeExceptionally(ex)) {
            return false;
        }
        if (CANCELLING.compareAndSet(this, false, true)) {
            exchanges.cancelFuture(request, generation);
        }
        return true;
    }

    /** Completion by the engine, which must not trigger a cancellation. */
    boolean settleExceptionally(Throwable ex) {
        return super.completeExceptionally(ex);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
