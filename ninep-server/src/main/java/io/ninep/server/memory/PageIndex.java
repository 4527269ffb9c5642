package io.ninep.server.memory;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A file's pages by number, in two levels: chunks of up to 4096 pages (256 MiB of file) that
 * exist only where something was written, each grown as its pages are. A write far past the end
 * of a file costs a chunk, not an array as long as the file. Not thread-safe: the file's lock
 * guards it.
 */
final class PageIndex {
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private Page[][] chunks = new Page[0][];
    private int held;

    /** The page numbered {@code n}, or null (a hole). */
    Page get(int n) {
        int c = n >>> CHUNK_SHIFT;
        if (c >= chunks.length || chunks[c] == null) {
            return null;
        }
        Page[] chunk = chunks[c];
        int i = n & (CHUNK - 1);
        return i < chunk.length ? chunk[i] : null;
    }

    /** Makes {@code page} (not null) the page numbered {@code n}; returns the one it replaces, or null. */
    Page set(int n, Page page) {
        int c = n >>> CHUNK_SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        int i = n & (CHUNK - 1);
        Page[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new Page[Math.min(CHUNK, Math.max(i + 1, 4))];
            chunks[c] = chunk;
        } else if (i >= chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(CHUNK, Math.max(i + 1, chunk.length * 2)));
            chunks[c] = chunk;
        }
        Page old = chunk[i];
        chunk[i] = page;
        if (old == null) {
            held++;
        }
        return old;
    }

    /** Removes every page numbered {@code first} or more, handing each to {@code dropped}. */
    void removeFrom(int first, Consumer<Page> dropped) {
        for (int c = first >>> CHUNK_SHIFT; c < chunks.length; c++) {
            Page[] chunk = chunks[c];
            if (chunk == null) {
                continue;
            }
            int from = c == first >>> CHUNK_SHIFT ? first & (CHUNK - 1) : 0;
            for (int i = from; i < chunk.length; i++) {
                if (chunk[i] != null) {
                    dropped.accept(chunk[i]);
                    chunk[i] = null;
                    held--;
                }
            }
            if (from == 0) {
                chunks[c] = null;
            }
        }
    }

    /** How many pages it holds. */
    int held() {
        return held;
    }
}
