package io.ninep.protocol.message;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;

/**
 * File system statistics, as Rstatfs carries them (statfs(2)):
 * <pre>type[4] bsize[4] blocks[8] bfree[8] bavail[8] files[8] ffree[8] fsid[8] namelen[4]</pre>
 */
public record StatFs(int type, int bsize, long blocks, long bfree, long bavail, long files,
                     long ffree, long fsid, int namelen) {

    /** Bytes on the wire. */
    public static final int SIZE_ON_WIRE = 4 + 4 + 8 * 6 + 4;

    public static StatFs decode(WireReader r) throws ProtocolException {
        return new StatFs(r.u32("type"), r.u32("bsize"), r.u64("blocks"), r.u64("bfree"),
                r.u64("bavail"), r.u64("files"), r.u64("ffree"), r.u64("fsid"), r.u32("namelen"));
    }

    public void encode(ByteBuffer out) {
        out.putInt(type).putInt(bsize).putLong(blocks).putLong(bfree).putLong(bavail);
        out.putLong(files).putLong(ffree).putLong(fsid).putInt(namelen);
    }
}
