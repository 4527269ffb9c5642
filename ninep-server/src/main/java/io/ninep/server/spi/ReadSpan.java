package io.ninep.server.spi;

/**
 * The bytes of a read left where the backend keeps them, for the engine to send without copying
 * them into a reply buffer first: in a file ({@link FileSpan}) or in the backend's own buffers
 * ({@link BufferSpan}). The engine sends them as the Rread's data, then calls {@link #release}.
 */
public sealed interface ReadSpan permits FileSpan, BufferSpan {

    /** The reply's count: at most what was asked, fewer at the end of the file. */
    int count();

    /** The engine is done with the bytes (sent, or dropped with the connection); only the first call counts. */
    void release();
}
