package io.ninep.transport.testing;

import io.ninep.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

/**
 * Another transport with a {@link Transport#sendNow} whose reach a test decides: given the bytes
 * offered, the policy says how many the "socket" takes now (all, some, none); those go to the
 * wrapped transport. It records who called, so a test can see which thread sent a frame.
 */
public final class SendNowTransport extends ForwardingTransport {
    private volatile IntUnaryOperator taken;
    private final List<Thread> callers = new CopyOnWriteArrayList<>();
    private final ExecutorService copier =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("sendNow copier").factory());

    public SendNowTransport(Transport inner, IntUnaryOperator taken) {
        super(inner);
        this.taken = taken;
    }

    /** From now on, {@code taken} says how many of the bytes offered each sendNow takes. */
    public void taking(IntUnaryOperator policy) {
        this.taken = policy;
    }

    /** The threads that called sendNow, in order, one entry per call. */
    public List<Thread> callers() {
        return callers;
    }

    @Override
    public boolean sendsNow() {
        return true;
    }

    @Override
    public int sendNow(MemorySegment bytes, int length) {
        return sendNow(bytes, length, MemorySegment.NULL, 0);
    }

    /** Both parts as one run of bytes, of which the policy decides how many go. */
    @Override
    public int sendNow(MemorySegment head, int headLength, MemorySegment payload, int payloadLength) {
        callers.add(Thread.currentThread());
        int length = headLength + payloadLength;
        int n = Math.clamp(taken.applyAsInt(length), 0, length);
        if (n > 0) {
            byte[] copy = new byte[n];
            int fromHead = Math.min(n, headLength);
            MemorySegment.copy(head, ValueLayout.JAVA_BYTE, 0, copy, 0, fromHead);
            MemorySegment.copy(payload, ValueLayout.JAVA_BYTE, 0, copy, fromHead, n - fromHead);
            // Written on a thread of our own, as a socket's send(2) is made in the kernel: an
            // interrupt of the caller must not reach the wrapped transport's channel.
            Future<?> written = copier.submit(() -> {
                inner.write(new ByteBuffer[] {ByteBuffer.wrap(copy)}, 0, 1);
                return null;
            });
            boolean interrupted = false;
            while (true) {
                try {
                    written.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new UncheckedIOException(new IOException(e.getCause()));
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        copier.shutdown();
        inner.close();
    }
}
