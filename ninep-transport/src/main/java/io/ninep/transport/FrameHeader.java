package io.ninep.transport;

import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;

/**
 * The 7 bytes every frame starts with, as {@link FrameReader#readHeader} found them. Mutable and
 * reused by one reader, so that reading a header allocates nothing.
 */
public final class FrameHeader {
    int size;
    int type;
    int tag;

    /** The whole frame's size, header included. */
    public int size() {
        return size;
    }

    /** The type byte. */
    public int type() {
        return type;
    }

    public int tag() {
        return tag;
    }

    /** Bytes of the frame after the header. */
    public int bodySize() {
        return size - P9.HEADER_SIZE;
    }

    @Override
    public String toString() {
        return MessageType.describe(type) + " tag " + tag + " size " + size;
    }
}
