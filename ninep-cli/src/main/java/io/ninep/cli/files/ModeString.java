package io.ninep.cli.files;

import io.ninep.client.FileModes;

/** The ten characters ls -l and stat(1) show for a mode: "drwxr-xr-x", "-rwsr-x--T". */
public final class ModeString {
    private ModeString() {}

    public static String of(int mode) {
        char[] c = new char[10];
        c[0] = typeChar(mode);
        c[1] = (mode & 0400) != 0 ? 'r' : '-';
        c[2] = (mode & 0200) != 0 ? 'w' : '-';
        c[3] = special(mode & 0100, mode & FileModes.S_ISUID, 's');
        c[4] = (mode & 040) != 0 ? 'r' : '-';
        c[5] = (mode & 020) != 0 ? 'w' : '-';
        c[6] = special(mode & 010, mode & FileModes.S_ISGID, 's');
        c[7] = (mode & 04) != 0 ? 'r' : '-';
        c[8] = (mode & 02) != 0 ? 'w' : '-';
        c[9] = special(mode & 01, mode & FileModes.S_ISVTX, 't');
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
        return switch (mode & FileModes.S_IFMT) {
            case FileModes.S_IFDIR -> 'd';
            case FileModes.S_IFLNK -> 'l';
            case FileModes.S_IFCHR -> 'c';
            case FileModes.S_IFBLK -> 'b';
            case FileModes.S_IFIFO -> 'p';
            case FileModes.S_IFSOCK -> 's';
            default -> '-';
        };
    }

    /** stat(1)'s %F: "regular file", "directory", ... */
    public static String typeName(int mode, long size) {
        return switch (mode & FileModes.S_IFMT) {
            case FileModes.S_IFDIR -> "directory";
            case FileModes.S_IFLNK -> "symbolic link";
            case FileModes.S_IFCHR -> "character special file";
            case FileModes.S_IFBLK -> "block special file";
            case FileModes.S_IFIFO -> "fifo";
            case FileModes.S_IFSOCK -> "socket";
            case FileModes.S_IFREG -> size == 0 ? "regular empty file" : "regular file";
            default -> "weird file";
        };
    }
}
