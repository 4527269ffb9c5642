package io.ninep.server.spi;

import io.ninep.protocol.P9;

/**
 * The user a Tattach introduced, and for whom every request on fids walked from that attach acts.
 * The Linux client (access=client, its default for 9P2000.L) sends one Tattach per local uid,
 * with the uid in n_uname and an empty or nominal uname; 9P2000 clients send only a uname.
 *
 * @param uname the user name sent, possibly empty
 * @param uid the numeric user id (n_uname), or {@link P9#NONUNAME} when none was sent
 */
public record Identity(String uname, int uid) {
    public Identity {
        java.util.Objects.requireNonNull(uname, "uname");
    }

    public boolean hasUid() {
        return uid != P9.NONUNAME;
    }

    @Override
    public String toString() {
        return hasUid() ? uname + "(" + Integer.toUnsignedString(uid) + ")" : uname;
    }
}
