package io.ninep.client;

import io.ninep.client.RequestCancelledException.Reason;
import io.ninep.client.rpc.Connection;
import io.ninep.client.rpc.ReplyHandler;
import io.ninep.client.rpc.RpcFuture;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Large reads and writes ({@link Fid#readAll}, {@link Fid#writeAll}) as a pipeline of requests: the transfer is cut into pieces of at most
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

    /**
     * How many requests one transfer keeps in flight: the configured window for a regular file;
     * one for an append-only file or one opened O_APPEND, whose offsets the server ignores, and
     * for a file that is not a plain file (a stream, a device), where order matters.
     */
    static int windowFor(Fid fid) {
        Qid q = fid.qid();
        boolean plain = (q.type() & ~Qid.TMP) == Qid.FILE;
        boolean append = (fid.openFlags() & LinuxOpenFlags.O_APPEND) != 0 || (q.type() & Qid.APPEND) != 0;
        return plain && !append ? fid.session().config().ioWindow() : 1;
    }

    /** As {@link Fid#readAllBytes}: {@link Fid#readAll} in steps of at least 64 KiB until one comes back short. */
    static byte[] readAllBytes(Fid fid) throws IOException {
        List<ByteBuffer> parts = new ArrayList<>();
        long total = 0;
        int size = Math.max(fid.maxIo(), 64 * 1024);
        while (true) {
            ByteBuffer b = ByteBuffer.allocate(size);
            int n = fid.readAll(total, b);
            parts.add(b.flip());
            total += n;
            if (n < size) {
                break;
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new NinePException("file is too large for an array");
            }
        }
        ByteBuffer all = ByteBuffer.allocate((int) total);
        parts.forEach(all::put);
        return all.array();
    }

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
                int n = checkWritten(p.takeHead(), len);
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

    /** The count of an Rwrite, checked against the {@code sent} bytes of its Twrite. */
    static int checkWritten(int n, int sent) throws NinePException {
        if (Integer.compareUnsigned(n, sent) > 0) {
            throw new NinePException("Rwrite says " + Integer.toUnsignedString(n) + " bytes were written of " + sent + " sent");
        }
        return n;
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
