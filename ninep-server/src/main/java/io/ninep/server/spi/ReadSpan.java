package io.ninep.server.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of a read left where the backend keeps them, for the engine to send without copying
 * them into a reply buffer first: in a file ({@link FileSpan}) or in the backend's own buffers
 * ({@link BufferSpan}). The engine sends them as the Rread's data, then calls {@link #release}.
 */
public abstract sealed class ReadSpan permits FileSpan, BufferSpan {
    private final int count;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    ReadSpan(int count, Runnable onRelease) {
        this.count = count;
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
    }

    /** The reply's count: at most what was asked, fewer at the end of the file. */
    public final int count() {
        return count;
    }

    /** The engine is done with the bytes (sent, or dropped with the connection); only the first call runs the backend's release. */
    public final void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
