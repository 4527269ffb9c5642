package io.ninep.client;

import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Topen;

/**
 * Conversions between Linux open(2) flags ({@link LinuxOpenFlags}, as 9P2000.L carries them in
 * Tlopen and Tlcreate) and the modes of 9P2000's Topen and Tcreate.
 */
public final class OpenFlags {
    private OpenFlags() {}

    /** The Topen mode for Linux flags: access mode, OTRUNC for O_TRUNC. Other flags have no 9P2000 form. */
    public static int toTopenMode(int linuxFlags) {
        int mode = switch (linuxFlags & LinuxOpenFlags.O_ACCMODE) {
            case LinuxOpenFlags.O_WRONLY -> Topen.OWRITE;
            case LinuxOpenFlags.O_RDWR -> Topen.ORDWR;
            default -> Topen.OREAD;
        };
        if ((linuxFlags & LinuxOpenFlags.O_TRUNC) != 0) {
            mode |= Topen.OTRUNC;
        }
        return mode;
    }

    /** The Linux access mode (O_RDONLY, O_WRONLY, O_RDWR) of a Topen or Tcreate mode; OEXEC reads. */
    static int accessOf(int topenMode) {
        int acc = topenMode & 3;
        return acc == Topen.OWRITE ? LinuxOpenFlags.O_WRONLY : acc == Topen.ORDWR ? LinuxOpenFlags.O_RDWR : 0;
    }
}
