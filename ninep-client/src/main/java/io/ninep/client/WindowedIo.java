package io.ninep.client;

import io.ninep.client.RequestCancelledException.Reason;
import io.ninep.client.rpc.Connection;
import io.ninep.client.rpc.ReplyHandler;
import io.ninep.client.rpc.RpcFuture;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;

/**
 * Large reads and writes as a pipeline of requests: the transfer is cut into pieces of at most
 * {@link Fid#maxIo()} bytes and up to {@code window} of them are kept in flight, each reading
 * into (or writing from) its own slice of the caller's buffer, so that one call can keep the
 * link busy while the server works.
 *
 * <p>Pieces are taken back in offset order. A full piece extends what is done. A short piece
 * ends the transfer if it, or every piece after it, came back empty (the end of the file);
 * otherwise the rest is asked for again from where the short piece stopped (a server may return
 * less than asked mid-file, and a write may be short). Bytes of the buffer beyond the count a
 * read returns may have been written by pieces whose data turned out not to count.
 *
 * <p>If a piece fails or the caller is interrupted, the pieces still in flight are cancelled
 * (Tflush) and the failure is thrown; a cancelled read's payload is dropped, never written into
 * the buffer after this returns.
 */
final class WindowedIo {
    private WindowedIo() {}

    static int read(Fid fid, long offset, ByteBuffer dst, int window) throws IOException {
        int want = dst.remaining();
        int base = dst.position();
        int piece = fid.maxIo();
        if (window <= 1 || want <= piece) {
            int done = 0;
            while (done < want) {
                int n = fid.read(offset + done, dst);
                if (n == 0) {
                    break;
                }
                done += n;
            }
            return done;
        }
        Connection c = fid.session().connection();
        Pipeline p = new Pipeline(window);
        int done = 0;
        int issued = 0;
        try {
            while (done < want) {
                while (p.size < window && issued < want) {
                    int len = Math.min(piece, want - issued);
                    ByteBuffer slice = dst.slice(base + issued, len);
                    p.add(c.sendInto(new Tread(fid.number(), offset + issued, len), slice, ReplyHandler.COUNT), len);
                    issued += len;
                }
                int len = p.headLength();
                int n = p.takeHead();
                done += n;
                if (n == len) {
                    continue;
                }
                boolean laterData = p.drain();   // pieces after a short one
                if (n == 0 || !laterData) {
                    break;   // the end of the file
                }
                issued = done;   // a short piece mid-file: ask again from there
            }
        } finally {
            p.cancelAll();
        }
        dst.position(base + done);
        return done;
    }

    static long write(Fid fid, long offset, ByteBuffer src, int window) throws IOException {
        int want = src.remaining();
        int base = src.position();
        int piece = fid.maxIo();
        if (window <= 1 || want <= piece) {
            while (src.hasRemaining()) {
                if (fid.write(offset + (src.position() - base), src) == 0) {
                    throw zeroWrite(offset + (src.position() - base));
                }
            }
            return want;
        }
        Connection c = fid.session().connection();
        Pipeline p = new Pipeline(window);
        int done = 0;
        int issued = 0;
        try {
            while (done < want) {
                while (p.size < window && issued < want) {
                    int len = Math.min(piece, want - issued);
                    ByteBuffer slice = src.slice(base + issued, len);
                    p.add(c.send(new Twrite(fid.number(), offset + issued, slice), (reply, count) -> ((Rwrite) reply).count()),
                            len);
                    issued += len;
                }
                int len = p.headLength();
                int n = p.takeHead();
                if (Integer.compareUnsigned(n, len) > 0) {
                    throw new NinePException("Rwrite says " + Integer.toUnsignedString(n) + " bytes were written of " + len + " sent");
                }
                done += n;
                if (n == len) {
                    continue;
                }
                if (n == 0) {
                    throw zeroWrite(offset + done);
                }
                p.drain();        // they wrote past the gap; writing the same bytes again is harmless
                issued = done;    // a short write: go on from where it stopped
            }
        } finally {
            p.cancelAll();
        }
        src.position(base + want);
        return want;
    }

    private static NinePException zeroWrite(long at) {
        return new NinePException("the server wrote 0 bytes at offset " + at);
    }

    /** The requests in flight, oldest first. */
    private static final class Pipeline {
        private final RpcFuture<Integer>[] futures;
        private final int[] lengths;
        private int head;
        int size;

        @SuppressWarnings("unchecked")
        Pipeline(int window) {
            futures = new RpcFuture[window];
            lengths = new int[window];
        }

        void add(RpcFuture<Integer> f, int length) {
            int i = (head + size) % futures.length;
            futures[i] = f;
            lengths[i] = length;
            size++;
        }

        int headLength() {
            return lengths[head];
        }

        /** Waits for the oldest piece and removes it. */
        int takeHead() throws IOException {
            RpcFuture<Integer> f = futures[head];
            futures[head] = null;
            head = (head + 1) % futures.length;
            size--;
            return await(f);
        }

        /** Waits for every piece still in flight; true if any carried data. */
        boolean drain() throws IOException {
            boolean data = false;
            while (size > 0) {
                data |= takeHead() > 0;
            }
            return data;
        }

        /** Cancels whatever is still in flight (after a failure or an interrupt). */
        void cancelAll() {
            while (size > 0) {
                RpcFuture<Integer> f = futures[head];
                futures[head] = null;
                head = (head + 1) % futures.length;
                size--;
                f.cancel(true);
            }
        }

        private static int await(RpcFuture<Integer> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RequestCancelledException(MessageType.TREAD, Reason.INTERRUPTED, true);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new NinePException("request failed: " + cause, cause);
            }
        }
    }
}
