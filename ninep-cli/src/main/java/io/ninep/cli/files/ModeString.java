package io.ninep.cli.files;

import io.ninep.protocol.LinuxFileMode;

/** The ten characters ls -l and stat(1) show for a mode: "drwxr-xr-x", "-rwsr-x--T". */
public final class ModeString {
    private ModeString() {}

    public static String of(int mode) {
        char[] c = new char[10];
        c[0] = typeChar(mode);
        c[1] = (mode & 0400) != 0 ? 'r' : '-';
        c[2] = (mode & 0200) != 0 ? 'w' : '-';
        c[3] = special(mode & 0100, mode & LinuxFileMode.S_ISUID, 's');
        c[4] = (mode & 040) != 0 ? 'r' : '-';
        c[5] = (mode & 020) != 0 ? 'w' : '-';
        c[6] = special(mode & 010, mode & LinuxFileMode.S_ISGID, 's');
        c[7] = (mode & 04) != 0 ? 'r' : '-';
        c[8] = (mode & 02) != 0 ? 'w' : '-';
        c[9] = special(mode & 01, mode & LinuxFileMode.S_ISVTX, 't');
        return new String(c);
    }

    /** x, or s/t with the execute bit and S/T without it. */
    private static char special(int exec, int bit, char letter) {
        if (bit != 0) {
            return exec != 0 ? letter : Character.toUpperCase(letter);
        }
        return exec != 0 ? 'x' : '-';
    }

    public static char typeChar(int mode) {
        return switch (mode & LinuxFileMode.S_IFMT) {
            case LinuxFileMode.S_IFDIR -> 'd';
            case LinuxFileMode.S_IFLNK -> 'l';
            case LinuxFileMode.S_IFCHR -> 'c';
            case LinuxFileMode.S_IFBLK -> 'b';
            case LinuxFileMode.S_IFIFO -> 'p';
            case LinuxFileMode.S_IFSOCK -> 's';
            default -> '-';
        };
    }

    /** stat(1)'s %F: "regular file", "directory", ... */
    public static String typeName(int mode, long size) {
        return switch (mode & LinuxFileMode.S_IFMT) {
            case LinuxFileMode.S_IFDIR -> "directory";
            case LinuxFileMode.S_IFLNK -> "symbolic link";
            case LinuxFileMode.S_IFCHR -> "character special file";
            case LinuxFileMode.S_IFBLK -> "block special file";
            case LinuxFileMode.S_IFIFO -> "fifo";
            case LinuxFileMode.S_IFSOCK -> "socket";
            case LinuxFileMode.S_IFREG -> size == 0 ? "regular empty file" : "regular file";
            default -> "weird file";
        };
    }
}
