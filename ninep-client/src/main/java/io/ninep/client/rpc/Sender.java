package io.ninep.client.rpc;

import io.ninep.protocol.message.TMessage;
import io.ninep.transport.FrameWriter;
import java.util.Arrays;

/**
 * The writer of one connection, run by its own platform thread. It takes everything queued (up
 * to {@value #WRITE_BATCH} requests, each given its tag as it leaves the queue:
 * {@link Exchanges#nextBatch}) and writes them together, so that requests that pile up while a
 * write is under way cost one system call. Callers never write through the channel: interrupting
 * a thread inside a channel operation closes the channel. On an idle connection a caller sends
 * its own request with a send that cannot be interrupted and never waits
 * ({@link io.ninep.transport.FrameWriter#writeNow}); what that could not send, this thread does.
 */
final class Sender implements Runnable {
    /** Frames sent with one gathering write at most. */
    private static final int WRITE_BATCH = 64;

    private final Exchanges exchanges;
    private final FrameWriter writer;
    private final int[] tags = new int[WRITE_BATCH];
    private final TMessage[] batch = new TMessage[WRITE_BATCH];

    Sender(Exchanges exchanges, FrameWriter writer) {
        this.exchanges = exchanges;
        this.writer = writer;
    }

    @Override
    public void run() {
        try {
            for (int n = exchanges.nextBatch(tags, batch); n >= 0; n = exchanges.nextBatch(tags, batch)) {
                if (n == 0) {
                    writer.writeRest();
                } else if (n == 1) {
                    writer.write(tags[0], batch[0]);
                } else {
                    writer.write(tags, batch, n);
                }
                Arrays.fill(batch, 0, n, null);
            }
        } catch (Throwable t) {
            exchanges.failAll(t);
        }
    }

    @Override
    public String toString() {
        return "sender to " + exchanges.peer();
    }
}
