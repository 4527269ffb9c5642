package io.ninep.server.local.cred;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Users and groups from passwd(5) and group(5) files: a uid's primary gid and supplementary
 * groups, and the uid of a user name. The files are read on every lookup (attaches are rare and
 * the files small), so changes take effect for the next attach.
 */
public final class UserDatabase {
    /** The gid of a uid that passwd does not know: the kernel's overflow gid, nogroup. */
    public static final int UNKNOWN_GID = 65534;

    private final Path passwd;
    private final Path group;

    public UserDatabase(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    /** The system's /etc/passwd and /etc/group. */
    public static UserDatabase system() {
        return new UserDatabase(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /**
     * The credentials of {@code uid}: its passwd gid and every group that lists its name, plus
     * the primary gid. A uid passwd does not know gets {@link #UNKNOWN_GID} and no other group:
     * it has the rights of its uid and of "other" only.
     */
    public Credentials credentialsOf(int uid) throws IOException {
        String[] entry = null;
        for (String[] e : read(passwd)) {
            if (e.length >= 4 && parse(e[2]) == uid) {
                entry = e;
                break;
            }
        }
        if (entry == null) {
            return new Credentials(uid, UNKNOWN_GID, new int[0]);
        }
        int gid = (int) parse(entry[3]);
        Set<Integer> groups = new LinkedHashSet<>();
        groups.add(gid);
        for (String[] g : read(group)) {
            if (g.length >= 4 && !g[3].isEmpty() && List.of(g[3].split(",")).contains(entry[0])) {
                long id = parse(g[2]);
                if (id >= 0) {
                    groups.add((int) id);
                }
            }
        }
        return new Credentials(uid, gid, groups.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The uid of user {@code name}. */
    public int uidOf(String name) throws IOException {
        for (String[] e : read(passwd)) {
            if (e.length >= 3 && e[0].equals(name) && parse(e[2]) >= 0) {
                return (int) parse(e[2]);
            }
        }
        throw new ErrnoException(Errno.EACCES, "unknown user " + name);
    }

    private static List<String[]> read(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String line : lines) {
            if (!line.isEmpty() && line.charAt(0) != '#') {
                out.add(line.split(":", -1));
            }
        }
        return out;
    }

    private static long parse(String number) {
        try {
            long v = Long.parseLong(number.trim());
            return v >= 0 && v <= 0xFFFF_FFFFL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
