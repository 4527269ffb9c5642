package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of a regular file in memory: 64 KiB pages allocated as they are written, so a sparse
 * file costs only what was written and growing a file never copies its content. Holes read as
 * zeros. Not thread-safe: the file's lock guards it.
 */
final class Pages {
    static final int PAGE = 64 * 1024;
    private static final int SHIFT = 16;

    private final MemoryFileServer.Space space;
    private byte[][] pages = new byte[0][];
    private long size;

    Pages(MemoryFileServer.Space space) {
        this.space = space;
    }

    long size() {
        return size;
    }

    /** Bytes of pages held (what statfs counts as used). */
    long allocated() {
        long n = 0;
        for (byte[] p : pages) {
            if (p != null) {
                n += PAGE;
            }
        }
        return n;
    }

    /** Copies bytes from {@code offset} into {@code dst}; returns how many (0 at or past the end). */
    int read(long offset, ByteBuffer dst) {
        if (offset >= size) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), size - offset);
        int done = 0;
        while (done < n) {
            long at = offset + done;
            int page = (int) (at >>> SHIFT);
            int in = (int) (at & (PAGE - 1));
            int k = Math.min(n - done, PAGE - in);
            byte[] p = page < pages.length ? pages[page] : null;
            if (p == null) {
                for (int i = 0; i < k; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(p, in, k);
            }
            done += k;
        }
        return n;
    }

    /** Writes {@code src}'s remaining bytes at {@code offset}, growing the file as needed. */
    int write(long offset, ByteBuffer src) throws ErrnoException {
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        long end = offset + n;
        if (end < 0 || (end - 1) >>> SHIFT >= Integer.MAX_VALUE) {
            throw new ErrnoException(Errno.EFBIG, "write ends past the largest file size");
        }
        int lastPage = (int) ((end - 1) >>> SHIFT);
        if (lastPage >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(lastPage + 1, pages.length * 2));
        }
        int done = 0;
        while (done < n) {
            long at = offset + done;
            int page = (int) (at >>> SHIFT);
            int in = (int) (at & (PAGE - 1));
            int k = Math.min(n - done, PAGE - in);
            byte[] p = pages[page];
            if (p == null) {
                space.take(PAGE);
                p = new byte[PAGE];
                pages[page] = p;
            }
            src.get(src.position() + done, p, in, k);
            done += k;
        }
        src.position(src.position() + n);
        size = Math.max(size, end);
        return n;
    }

    /** Cuts or extends the file to {@code newSize}; bytes past the old end read as zeros. */
    void truncate(long newSize) throws ErrnoException {
        if (newSize < 0 || newSize >>> SHIFT >= Integer.MAX_VALUE) {
            throw new ErrnoException(Errno.EFBIG, "size " + newSize + " is out of range");
        }
        if (newSize < size) {
            int keep = (int) ((newSize + PAGE - 1) >>> SHIFT);
            for (int i = keep; i < pages.length; i++) {
                if (pages[i] != null) {
                    pages[i] = null;
                    space.give(PAGE);
                }
            }
            int in = (int) (newSize & (PAGE - 1));
            if (in != 0 && keep - 1 < pages.length && pages[keep - 1] != null) {
                Arrays.fill(pages[keep - 1], in, PAGE, (byte) 0);
            }
        }
        size = newSize;
    }

    /** Gives every page back (the file is gone). */
    void free() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                pages[i] = null;
                space.give(PAGE);
            }
        }
        size = 0;
    }
}
