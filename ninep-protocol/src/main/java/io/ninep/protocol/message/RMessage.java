package io.ninep.protocol.message;

/** A reply. */
public sealed interface RMessage extends Message
        permits Rversion, Rauth, Rattach, Rerror, Rflush, Rwalk, Ropen, Rcreate, Rread, Rwrite, Rclunk,
                Rremove, Rstat, Rwstat,
                Rlerror, Rstatfs, Rlopen, Rlcreate, Rsymlink, Rmknod, Rrename, Rreadlink, Rgetattr,
                Rsetattr, Rxattrwalk, Rxattrcreate, Rreaddir, Rfsync, Rlock, Rgetlock, Rlink, Rmkdir,
                Rrenameat, Runlinkat {
}
