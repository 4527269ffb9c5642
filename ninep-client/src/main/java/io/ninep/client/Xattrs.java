package io.ninep.client;

import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.NinePException;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Rxattrwalk;
import io.ninep.protocol.message.Txattrcreate;
import io.ninep.protocol.message.Txattrwalk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Extended attributes of 9P2000.L through a fid ({@link Fid#xattrGet}, {@link Fid#xattrList},
 * {@link Fid#xattrSet}), as Linux's v9fs does them: Txattrwalk to a fid of its own that reads the
 * value (or the list of names), and Txattrcreate on a clone that is written and then clunked,
 * which commits the attribute.
 */
final class Xattrs {
    private Xattrs() {}

    /** As {@link Fid#xattrGet}. */
    static byte[] get(Fid fid, String name) throws IOException {
        fid.checkUsable();
        Session session = fid.session();
        int xfid = session.allocateFid();
        long size;
        try {
            size = ((Rxattrwalk) fid.connection().call(new Txattrwalk(fid.number(), xfid, name))).size();
        } catch (IOException | RuntimeException e) {
            session.releaseFid(xfid);
            throw e;
        }
        try (Fid x = new Fid(session, xfid, fid.qid(), true)) {
            if (size < 0 || size > Integer.MAX_VALUE - 16) {
                throw new NinePException("extended attribute " + name + " of " + Long.toUnsignedString(size) + " bytes is too large");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (x.read(b.position(), b) == 0) {
                    break;
                }
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /** As {@link Fid#xattrList}. */
    static List<String> list(Fid fid) throws IOException {
        byte[] all = get(fid, "");
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                if (i > start) {
                    names.add(WireString.fromBytes(Arrays.copyOfRange(all, start, i)));
                }
                start = i + 1;
            }
        }
        if (start < all.length) {
            names.add(WireString.fromBytes(Arrays.copyOfRange(all, start, all.length)));
        }
        return names;
    }

    /** As {@link Fid#xattrSet(String, byte[], int)}. */
    static void set(Fid fid, String name, byte[] value, int flags) throws IOException {
        Fid x = fid.walk();
        try {
            fid.connection().call(new Txattrcreate(x.number(), name, value.length, flags));
            x.markOpen(0, LinuxOpenFlags.O_WRONLY);
            ByteBuffer b = ByteBuffer.wrap(value);
            while (b.hasRemaining()) {
                if (x.write(b.position(), b) == 0) {
                    throw new NinePException("server took no bytes of extended attribute " + name);
                }
            }
        } catch (IOException | RuntimeException e) {
            x.closeAfter(e);
            throw e;
        }
        x.close();   // the clunk commits the attribute; its error is the operation's
    }
}
