package io.ninep.transport;

import io.ninep.protocol.ErrnoException;

/**
 * What became of a payload received into a file ({@link Transport#receiveInto}): the bytes the
 * file took, and why it took no more, if it failed. The stream gave up the whole payload either
 * way, so the next frame follows.
 *
 * @param written bytes written to the file, from the payload's start
 * @param failure the file's error that stopped the write, or null if every byte was written
 */
public record FileReceipt(int written, ErrnoException failure) {
}
