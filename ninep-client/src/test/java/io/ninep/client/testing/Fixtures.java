package io.ninep.client.testing;

import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;

/** Values for scripted replies. */
public final class Fixtures {
    private Fixtures() {}

    public static Qid qid(long path) {
        return new Qid(Qid.FILE, 0, path);
    }

    public static Qid dirQid(long path) {
        return new Qid(Qid.DIR, 0, path);
    }

    /** Attributes of a regular file of {@code size} bytes. */
    public static Attr attr(long path, long size) {
        return new Attr(Attr.BASIC, qid(path), 0100644, 1000, 1000, 1, 0, size, 4096, (size + 511) / 512,
                1_700_000_000L, 1, 1_700_000_001L, 2, 1_700_000_002L, 3, 0, 0, 0, 0);
    }
}
