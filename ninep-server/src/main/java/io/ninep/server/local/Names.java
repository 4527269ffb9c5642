package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.WireString;
import io.ninep.server.local.sys.LinuxAbi;

/**
 * The one gate every client-supplied name passes before it reaches a system call: a name is a
 * single path element, so no lookup the kernel does for us can go through more than one
 * directory entry.
 */
final class Names {
    private Names() {}

    /**
     * The bytes of {@code name}, checked to be one directory entry's name.
     *
     * @throws ErrnoException EINVAL if it is empty, ".", "..", or holds '/' or NUL;
     *     ENAMETOOLONG if it is longer than 255 bytes
     */
    static byte[] entry(String name) throws ErrnoException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new ErrnoException(Errno.EINVAL, "\"" + name + "\" is not a file name");
        }
        byte[] bytes = WireString.toBytes(name);
        for (byte b : bytes) {
            if (b == '/' || b == 0) {
                throw new ErrnoException(Errno.EINVAL, "a file name holds '" + (b == 0 ? "\\0" : "/") + "': " + printable(name));
            }
        }
        if (bytes.length > LinuxAbi.NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "a file name of " + bytes.length + " bytes: "
                    + printable(name).substring(0, 40) + "...");
        }
        return bytes;
    }

    /** The bytes of a symbolic link's target or an attribute name: anything but NUL, and not empty. */
    static byte[] text(String s, String what) throws ErrnoException {
        byte[] bytes = WireString.toBytes(s);
        if (bytes.length == 0) {
            throw new ErrnoException(Errno.EINVAL, "empty " + what);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new ErrnoException(Errno.EINVAL, what + " holds a NUL byte");
            }
        }
        return bytes;
    }

    /** For messages: control characters escaped. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
