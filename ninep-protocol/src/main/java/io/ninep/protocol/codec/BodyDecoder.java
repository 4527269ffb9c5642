package io.ninep.protocol.codec;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.*;

/** Dispatches a message type to its record's decoder. The switch is checked for completeness by the compiler. */
final class BodyDecoder {
    private BodyDecoder() {}

    static Message decode(MessageType type, WireReader r, Dialect d) throws ProtocolException {
        return switch (type) {
            case TVERSION -> Tversion.decode(r, d);
            case RVERSION -> Rversion.decode(r, d);
            case TAUTH -> Tauth.decode(r, d);
            case RAUTH -> Rauth.decode(r, d);
            case TATTACH -> Tattach.decode(r, d);
            case RATTACH -> Rattach.decode(r, d);
            case RERROR -> Rerror.decode(r, d);
            case TFLUSH -> Tflush.decode(r, d);
            case RFLUSH -> Rflush.decode(r, d);
            case TWALK -> Twalk.decode(r, d);
            case RWALK -> Rwalk.decode(r, d);
            case TOPEN -> Topen.decode(r, d);
            case ROPEN -> Ropen.decode(r, d);
            case TCREATE -> Tcreate.decode(r, d);
            case RCREATE -> Rcreate.decode(r, d);
            case TREAD -> Tread.decode(r, d);
            case RREAD -> Rread.decode(r, d);
            case TWRITE -> Twrite.decode(r, d);
            case RWRITE -> Rwrite.decode(r, d);
            case TCLUNK -> Tclunk.decode(r, d);
            case RCLUNK -> Rclunk.decode(r, d);
            case TREMOVE -> Tremove.decode(r, d);
            case RREMOVE -> Rremove.decode(r, d);
            case TSTAT -> Tstat.decode(r, d);
            case RSTAT -> Rstat.decode(r, d);
            case TWSTAT -> Twstat.decode(r, d);
            case RWSTAT -> Rwstat.decode(r, d);
            case RLERROR -> Rlerror.decode(r, d);
            case TSTATFS -> Tstatfs.decode(r, d);
            case RSTATFS -> Rstatfs.decode(r, d);
            case TLOPEN -> Tlopen.decode(r, d);
            case RLOPEN -> Rlopen.decode(r, d);
            case TLCREATE -> Tlcreate.decode(r, d);
            case RLCREATE -> Rlcreate.decode(r, d);
            case TSYMLINK -> Tsymlink.decode(r, d);
            case RSYMLINK -> Rsymlink.decode(r, d);
            case TMKNOD -> Tmknod.decode(r, d);
            case RMKNOD -> Rmknod.decode(r, d);
            case TRENAME -> Trename.decode(r, d);
            case RRENAME -> Rrename.decode(r, d);
            case TREADLINK -> Treadlink.decode(r, d);
            case RREADLINK -> Rreadlink.decode(r, d);
            case TGETATTR -> Tgetattr.decode(r, d);
            case RGETATTR -> Rgetattr.decode(r, d);
            case TSETATTR -> Tsetattr.decode(r, d);
            case RSETATTR -> Rsetattr.decode(r, d);
            case TXATTRWALK -> Txattrwalk.decode(r, d);
            case RXATTRWALK -> Rxattrwalk.decode(r, d);
            case TXATTRCREATE -> Txattrcreate.decode(r, d);
            case RXATTRCREATE -> Rxattrcreate.decode(r, d);
            case TREADDIR -> Treaddir.decode(r, d);
            case RREADDIR -> Rreaddir.decode(r, d);
            case TFSYNC -> Tfsync.decode(r, d);
            case RFSYNC -> Rfsync.decode(r, d);
            case TLOCK -> Tlock.decode(r, d);
            case RLOCK -> Rlock.decode(r, d);
            case TGETLOCK -> Tgetlock.decode(r, d);
            case RGETLOCK -> Rgetlock.decode(r, d);
            case TLINK -> Tlink.decode(r, d);
            case RLINK -> Rlink.decode(r, d);
            case TMKDIR -> Tmkdir.decode(r, d);
            case RMKDIR -> Rmkdir.decode(r, d);
            case TRENAMEAT -> Trenameat.decode(r, d);
            case RRENAMEAT -> Rrenameat.decode(r, d);
            case TUNLINKAT -> Tunlinkat.decode(r, d);
            case RUNLINKAT -> Runlinkat.decode(r, d);
        };
    }
}
