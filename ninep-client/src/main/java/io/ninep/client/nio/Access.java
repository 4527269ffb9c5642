package io.ninep.client.nio;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.P9;

/** What the mode bits alone say about access (see {@link Operations#checkAccess}). */
final class Access {
    private Access() {}

    /**
     * Whether {@code bit} (4 read, 2 write, 1 execute) may be granted to user {@code uid} of
     * primary group {@code gid}; denies only what the bits certainly deny.
     */
    static boolean allows(int mode, int fileUid, int fileGid, boolean idsKnown, int uid, int gid, int bit) {
        if (uid == 0) {
            return bit != 1 || LinuxFileMode.isDirectory(mode) || (mode & 0111) != 0;
        }
        int owner = bit << 6;
        int group = bit << 3;
        int other = bit;
        if (uid == P9.NONUNAME || !idsKnown) {
            return (mode & (owner | group | other)) != 0;
        }
        if (fileUid == uid) {
            return (mode & owner) != 0;
        }
        if (gid != P9.NONUNAME && fileGid == gid) {
            return (mode & group) != 0;
        }
        return (mode & (group | other)) != 0;   // the group's bits if the user is in it, which we cannot know
    }
}
