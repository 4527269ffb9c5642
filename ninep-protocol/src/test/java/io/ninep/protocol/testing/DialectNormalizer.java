package io.ninep.protocol.testing;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tauth;
import io.ninep.protocol.message.Tcreate;
import io.ninep.protocol.message.Twstat;

/**
 * The value a message has after a trip over the wire in a dialect. Plain 9P2000 has no place
 * for the 9P2000.u fields, so encoding drops them and decoding fills in their "absent" values:
 * Tauth/Tattach n_uname becomes NONUNAME, Rerror errno 0, Tcreate extension "", and a stat's
 * extension "" with n_uid/n_gid/n_muid NONUNAME. In 9P2000.u and 9P2000.L every field travels.
 */
public final class DialectNormalizer {
    private DialectNormalizer() {}

    public static Message normalize(Message m, Dialect dialect) {
        if (dialect.hasUnixExtensions()) {
            return m;
        }
        return switch (m) {
            case Tauth t -> new Tauth(t.afid(), t.uname(), t.aname(), P9.NONUNAME);
            case Tattach t -> new Tattach(t.fid(), t.afid(), t.uname(), t.aname(), P9.NONUNAME);
            case Rerror r -> new Rerror(r.ename(), 0);
            case Tcreate t -> new Tcreate(t.fid(), t.name(), t.perm(), t.mode(), "");
            case Rstat r -> new Rstat(normalize(r.stat(), dialect));
            case Twstat t -> new Twstat(t.fid(), normalize(t.stat(), dialect));
            default -> m;
        };
    }

    public static Stat normalize(Stat s, Dialect dialect) {
        if (dialect.hasUnixExtensions()) {
            return s;
        }
        return new Stat(s.type(), s.dev(), s.qid(), s.mode(), s.atime(), s.mtime(), s.length(),
                s.name(), s.uid(), s.gid(), s.muid(), "", P9.NONUNAME, P9.NONUNAME, P9.NONUNAME);
    }
}
