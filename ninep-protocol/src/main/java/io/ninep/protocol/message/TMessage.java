package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;

/**
 * A request. Besides its own size it knows the largest reply it can draw, which is what lets a
 * client give each request a right-sized reply buffer instead of an msize-sized one.
 */
public sealed interface TMessage extends Message
        permits Tversion, Tauth, Tattach, Tflush, Twalk, Topen, Tcreate, Tread, Twrite, Tclunk,
                Tremove, Tstat, Twstat,
                Tstatfs, Tlopen, Tlcreate, Tsymlink, Tmknod, Trename, Treadlink, Tgetattr, Tsetattr,
                Txattrwalk, Txattrcreate, Treaddir, Tfsync, Tlock, Tgetlock, Tlink, Tmkdir, Trenameat,
                Tunlinkat {

    /**
     * The largest successful reply this request can get, header included, before the msize cap:
     * Rread and Rreaddir are bounded by the count asked for, Rwalk by 13 bytes per name, replies
     * with a string by the 65535-byte string limit, the rest by their fixed size.
     */
    long maxSuccessReplySize();

    /**
     * The largest reply of any kind this request can draw in {@code dialect} at {@code msize}:
     * the larger of its successful reply and the dialect's error reply, never more than msize.
     * Error replies are bounded as Linux bounds them: Rerror's string by {@link P9#ERRMAX} (137
     * bytes in all for 9P2000, 141 for 9P2000.u), Rlerror at 11 bytes. A longer Rerror from a
     * peer is legal but rare; a client truncates its text rather than reserve room for it.
     */
    default int maxReplySize(Dialect dialect, int msize) {
        long bound = Math.max(maxSuccessReplySize(), errorReplySize(dialect));
        return (int) Math.min(bound, Integer.toUnsignedLong(msize));
    }

    /** The size of the dialect's largest expected error reply. */
    static int errorReplySize(Dialect dialect) {
        return switch (dialect) {
            case P9P2000 -> P9.HEADER_SIZE + 2 + P9.ERRMAX;
            case P9P2000_U -> P9.HEADER_SIZE + 2 + P9.ERRMAX + 4;
            case P9P2000_L -> Rlerror.SIZE;
        };
    }
}
