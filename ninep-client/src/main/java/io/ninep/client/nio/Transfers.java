package io.ninep.client.nio;

import io.ninep.client.Fid;

/** Sizes for moving data in bulk. */
final class Transfers {
    private Transfers() {}

    /** What a stream buffers at first, before the file turns out large: 64 KiB. */
    static final int FIRST_CHUNK = 64 * 1024;

    /** The most a stream buffers or a transfer moves per step: 8 MiB. */
    static final int MAX_CHUNK = 8 << 20;

    /** The least a bulk transfer moves per step: 1 MiB, so that a small msize still fills the window. */
    static final int MIN_CHUNK = 1 << 20;

    /**
     * What one step of a bulk transfer moves: the window's worth of full requests
     * ({@code window x (msize - 24)}), at least 1 MiB and at most 8 MiB, so that one
     * {@link Fid#readAll} keeps the window full and steps are few.
     */
    static int chunk(Fid fid) {
        long w = (long) fid.session().config().ioWindow() * fid.maxIo();
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, w));
    }
}
