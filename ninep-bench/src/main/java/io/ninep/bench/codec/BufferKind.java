package io.ninep.bench.codec;

import java.nio.ByteBuffer;

/**
 * Where a benchmark's buffers live: on the Java heap, or in native memory, which is what a
 * socket channel reads into and writes from without an extra copy.
 */
public enum BufferKind {
    HEAP {
        @Override
        ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocate(capacity);
        }
    },
    DIRECT {
        @Override
        ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity);
        }
    };

    abstract ByteBuffer allocate(int capacity);
}
