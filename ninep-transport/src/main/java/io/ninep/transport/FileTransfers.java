package io.ninep.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Sending part of a file as a frame's payload: with a transport's own mover (sendfile), from a
 * mapping of the file, or by copying through a buffer. Every way, exactly the promised count goes
 * out, zeros standing in for bytes the file no longer has, because the frame's size was written
 * before the payload.
 */
final class FileTransfers {
    private static final int CHUNK = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(CHUNK).asReadOnlyBuffer();
    /** Times in a row a mover may move nothing before the file is read to see whether it ended. */
    private static final int STALLS = 3;

    /** Moves up to {@code count} bytes from {@code position}; returns how many (0 at the end of the file). */
    @FunctionalInterface
    interface Mover {
        long move(long position, long count) throws IOException;
    }

    private FileTransfers() {
    }

    static void send(Transport transport, FileChannel file, long position, int count, Mover mover) throws IOException {
        long at = position;
        long left = count;
        int stalls = 0;
        while (left > 0) {
            long n = mover.move(at, left);
            if (n > 0) {
                at += n;
                left -= n;
                stalls = 0;
            } else if (++stalls == STALLS) {
                // The mover stopped short: finish by copying, which tells a shrunk file from a pause.
                copy(transport, file, at, (int) left);
                return;
            }
        }
    }

    /**
     * True if a write of a mapped payload failed because the file shrank under it: the buffers
     * before the payload went out whole, and the file now ends before {@code end}.
     */
    static boolean shrankUnder(ByteBuffer[] before, int length, FileChannel file, long end) {
        for (int i = 0; i < length; i++) {
            if (before[i].hasRemaining()) {
                return false;
            }
        }
        try {
            return file.size() < end;
        } catch (IOException e) {
            return false;
        }
    }

    static void copy(Transport transport, FileChannel file, long position, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.min(CHUNK, Math.max(count, 1))).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer[] one = new ByteBuffer[1];
        long at = position;
        int left = count;
        while (left > 0) {
            buf.clear().limit(Math.min(buf.capacity(), left));
            int n = file.read(buf, at);
            if (n < 0) {
                zeros(transport, left);
                return;
            }
            buf.flip();
            one[0] = buf;
            transport.write(one, 0, 1);
            at += n;
            left -= n;
        }
    }

    private static void zeros(Transport transport, int count) throws IOException {
        ByteBuffer[] one = new ByteBuffer[1];
        int left = count;
        while (left > 0) {
            int n = Math.min(left, CHUNK);
            one[0] = ZEROS.duplicate().limit(n);
            transport.write(one, 0, 1);
            left -= n;
        }
    }
}
