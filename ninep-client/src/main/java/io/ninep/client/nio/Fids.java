package io.ninep.client.nio;

import io.ninep.client.Fid;

/** Ending fids the provider used for one call. */
final class Fids {
    private Fids() {}

    /**
     * Clunks {@code fid} without waiting for the Rclunk: the fid served one lookup or one
     * attribute read, and nobody waits on its end. The number is reused once the reply is in;
     * an error reply still ends the fid (clunk(5)).
     */
    static void release(Fid fid) {
        if (fid != null) {
            fid.clunkAsync();
        }
    }
}
