package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.spi.BufferSpan;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a regular file in memory: 64 KiB pages taken as they are written, so a sparse
 * file costs only what was written and growing a file never copies its content. Holes read as
 * zeros. Not thread-safe: the file's lock guards it.
 *
 * <p>The pages are direct buffers from the tree's {@link PagePool}, so that a large read can be
 * sent from them as they are ({@link #span}): the kernel copies the bytes into the socket once,
 * where heap pages would be copied into a reply buffer first. A span holds its pages: one that a
 * truncate drops meanwhile goes back to the pool only when the span is released.
 */
final class Pages {
    static final int PAGE = PagePool.PAGE;
    static final int SHIFT = 16;
    /** The largest file: 16 TiB, far past any tree's capacity, so that a sparse file's index stays small. */
    static final long MAX_SIZE = 1L << 44;
    /** What a hole reads as; shared, never written. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PAGE).asReadOnlyBuffer();

    private final MemoryFileServer.Space space;
    private final PageIndex pages = new PageIndex();
    private long size;

    Pages(MemoryFileServer.Space space) {
        this.space = space;
    }

    long size() {
        return size;
    }

    /** Bytes of pages held (what statfs counts as used). */
    long allocated() {
        return (long) pages.held() * PAGE;
    }

    /** Copies bytes from {@code offset} into {@code dst}; returns how many (0 at or past the end). */
    int read(long offset, ByteBuffer dst) {
        int n = readable(offset, dst.remaining());
        for (int done = 0; done < n; ) {
            long at = offset + done;
            int in = (int) (at & (PAGE - 1));
            int k = Math.min(n - done, PAGE - in);
            Page p = pageAt(at);
            dst.put(dst.position(), p != null ? p.bytes : ZEROS, in, k);
            dst.position(dst.position() + k);
            done += k;
        }
        return n;
    }

    /**
     * Up to {@code count} bytes from {@code offset} (fewer at the end, none past it) as views of
     * the pages, in order, holes as views of a page of zeros; the span holds the pages until it
     * is released. The views show later writes to those pages, as a page cache would.
     */
    BufferSpan span(long offset, int count) {
        int n = readable(offset, count);
        List<ByteBuffer> views = new ArrayList<>((n >>> SHIFT) + 2);
        List<Page> held = new ArrayList<>((n >>> SHIFT) + 2);
        for (int done = 0; done < n; ) {
            long at = offset + done;
            int in = (int) (at & (PAGE - 1));
            int k = Math.min(n - done, PAGE - in);
            Page p = pageAt(at);
            if (p != null) {
                p.retain();
                held.add(p);
            }
            views.add((p != null ? p.bytes : ZEROS).slice(in, k));
            done += k;
        }
        return new BufferSpan(views, () -> held.forEach(Page::release));
    }

    /** How many of {@code count} bytes from {@code offset} the file has. */
    private int readable(long offset, int count) {
        return offset >= size ? 0 : (int) Math.min(count, size - offset);
    }

    private Page pageAt(long at) {
        return pages.get((int) (at >>> SHIFT));
    }

    /** Writes {@code src}'s remaining bytes at {@code offset}, growing the file as needed. */
    int write(long offset, ByteBuffer src) throws ErrnoException {
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        long end = checkEnd(offset, n);
        int done = 0;
        while (done < n) {
            long at = offset + done;
            int page = (int) (at >>> SHIFT);
            int in = (int) (at & (PAGE - 1));
            int k = Math.min(n - done, PAGE - in);
            Page p = pages.get(page);
            if (p == null) {
                p = newPage(k < PAGE);
                pages.set(page, p);
            }
            p.bytes.put(in, src, src.position() + done, k);
            done += k;
        }
        src.position(src.position() + n);
        size = Math.max(size, end);
        return n;
    }

    /**
     * Makes {@code run}'s pages, whose covered parts hold a write's payload, part of the file: a
     * page the write covers whole replaces the file's (a span still sending the old one keeps it),
     * the covered part of any other is copied into the file's page, or, where the file has none,
     * the page is cleared around it and taken as it is. Nothing changes if the tree is full.
     * Returns the bytes written; the run is empty afterwards.
     */
    int install(PageRun run) throws ErrnoException {
        long end = checkEnd(run.offset, run.count);
        int missing = 0;
        for (int i = 0; i < run.pages.length; i++) {
            if (pages.get(run.first + i) == null) {
                missing++;
            }
        }
        space.take((long) missing * PAGE);
        for (int i = 0; i < run.pages.length; i++) {
            int from = run.from(i);
            int to = run.to(i);
            Page mine = pages.get(run.first + i);
            Page incoming = run.pages[i];
            if (mine != null && (from > 0 || to < PAGE)) {
                mine.bytes.put(from, incoming.bytes, from, to - from);
                continue;   // the run gives this one back
            }
            if (mine == null) {
                MemorySegment page = MemorySegment.ofBuffer(incoming.bytes);
                page.asSlice(0, from).fill((byte) 0);
                page.asSlice(to).fill((byte) 0);
            } else {
                mine.release();
            }
            pages.set(run.first + i, incoming);
            run.pages[i] = null;
        }
        run.discard();
        size = Math.max(size, end);
        return run.count;
    }

    /** Where a write of {@code count > 0} bytes at {@code offset} ends; EFBIG past the largest file. */
    static long checkEnd(long offset, int count) throws ErrnoException {
        long end = offset + count;
        if (offset < 0 || end < 0 || end > MAX_SIZE) {
            throw new ErrnoException(Errno.EFBIG, "a write ending at byte " + end
                    + " goes past the largest file a memory tree holds, 16 TiB");
        }
        return end;
    }

    /** A page counted against the tree's capacity; zeroed unless the caller overwrites all of it. */
    private Page newPage(boolean zeroed) throws ErrnoException {
        space.take(PAGE);
        try {
            return space.pool.take(zeroed);
        } catch (ErrnoException e) {
            space.give(PAGE);
            throw e;
        }
    }

    /** Cuts or extends the file to {@code newSize}; bytes past the old end read as zeros. */
    void truncate(long newSize) throws ErrnoException {
        if (newSize < 0 || newSize > MAX_SIZE) {
            throw new ErrnoException(Errno.EFBIG, "size " + newSize
                    + " is past the largest file a memory tree holds, 16 TiB");
        }
        if (newSize < size) {
            int keep = (int) ((newSize + PAGE - 1) >>> SHIFT);
            drop(keep);
            int in = (int) (newSize & (PAGE - 1));
            Page partial = in != 0 ? pages.get(keep - 1) : null;
            if (partial != null) {
                MemorySegment.ofBuffer(partial.bytes).asSlice(in).fill((byte) 0);
            }
        }
        size = newSize;
    }

    /** Gives every page back (the file is gone). */
    void free() {
        drop(0);
        size = 0;
    }

    /** Gives back the pages from {@code first} on. */
    private void drop(int first) {
        pages.removeFrom(first, p -> {
            space.give(PAGE);
            p.release();
        });
    }
}
