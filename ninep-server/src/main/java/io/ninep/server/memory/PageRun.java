package io.ninep.server.memory;

import io.ninep.protocol.ErrnoException;
import java.nio.ByteBuffer;

/**
 * Pages of the tree's pool, not yet any file's, that a write's payload is read into straight from
 * the connection, outside the file's lock; {@link Pages#install} then makes them the file's.
 * Page {@code i} covers the file's page {@code first + i}; only the part the write covers is
 * read into, the rest is whatever the page held before.
 */
final class PageRun {
    final long offset;
    final int count;
    final int first;
    final Page[] pages;

    /** Takes the pages for {@code count > 0} bytes at {@code offset} from {@code pool}; EFBIG past the largest file. */
    PageRun(PagePool pool, long offset, int count) throws ErrnoException {
        Pages.checkEnd(offset, count);
        this.offset = offset;
        this.count = count;
        this.first = (int) (offset >>> Pages.SHIFT);
        int last = (int) ((offset + count - 1) >>> Pages.SHIFT);
        this.pages = new Page[last - first + 1];
        try {
            for (int i = 0; i < pages.length; i++) {
                pages[i] = pool.take(false);
            }
        } catch (ErrnoException e) {
            discard();
            throw e;
        }
    }

    /** Where the payload goes: the covered part of each page, in order. */
    ByteBuffer[] views() {
        ByteBuffer[] views = new ByteBuffer[pages.length];
        for (int i = 0; i < pages.length; i++) {
            views[i] = pages[i].bytes.slice(from(i), to(i) - from(i));
        }
        return views;
    }

    /** Where the write starts in page {@code i}. */
    int from(int i) {
        return i == 0 ? (int) (offset & (Pages.PAGE - 1)) : 0;
    }

    /** Where the write ends in page {@code i} (exclusive). */
    int to(int i) {
        return i == pages.length - 1 ? (int) ((offset + count - 1) & (Pages.PAGE - 1)) + 1 : Pages.PAGE;
    }

    /** Gives back every page not taken by a file. */
    void discard() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                pages[i].release();
                pages[i] = null;
            }
        }
    }
}
