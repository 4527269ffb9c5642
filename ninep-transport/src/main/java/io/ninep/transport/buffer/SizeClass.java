package io.ninep.transport.buffer;

/** One size class of a {@link BufferPool}: buffers of one capacity. */
public record SizeClass(String name, int capacity) {
    @Override
    public String toString() {
        return name + "(" + capacity + ")";
    }
}
