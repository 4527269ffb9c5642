package io.ninep.client.nio;

import io.ninep.client.ClientConfig;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.transport.DialAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a file system is opened with: the URI's address and identity, completed by the
 * environment map of {@code FileSystems.newFileSystem} and by defaults. The keys and their
 * defaults are listed in the package documentation.
 *
 * @param key the server, tree and user: what tells file systems apart
 * @param gid the group id sent when creating files (Tlcreate, Tmkdir, Tsymlink)
 * @param umask permission bits taken away from the mode of every file and directory created
 * @param config how the session connects and behaves
 */
record Settings(Key key, int gid, int umask, ClientConfig config) {

    /** What tells two file systems of the provider apart. */
    record Key(DialAddress address, String uname, String aname, int nUname) {
        Key {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(uname, "uname");
            Objects.requireNonNull(aname, "aname");
        }

        /** Whether a URI names this file system: same address, and equal fields where it names them. */
        boolean matches(NinepUri uri) {
            return address.equals(uri.address())
                    && (uri.uname() == null || uri.uname().equals(uname))
                    && (uri.aname() == null ? aname.isEmpty() : uri.aname().equals(aname))
                    && (uri.nUname() == null || uri.nUname() == nUname);
        }
    }

    static final String UNAME = "uname";
    static final String ANAME = "aname";
    static final String N_UNAME = "n_uname";
    static final String GID = "gid";
    static final String UMASK = "umask";
    static final String MSIZE = "msize";
    static final String DIALECT = "dialect";
    static final String TIMEOUT = "timeout";
    static final String REPLY_TIMEOUT = "replyTimeout";
    static final String WINDOW = "window";
    static final String CONFIG = "config";
    static final Set<String> KEYS = Set.of(UNAME, ANAME, N_UNAME, GID, UMASK, MSIZE, DIALECT, TIMEOUT, REPLY_TIMEOUT, WINDOW,
            CONFIG);

    static Settings of(NinepUri uri, Map<String, ?> env) {
        for (String k : env.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown environment key '" + k + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String envUname = env.containsKey(UNAME) ? Objects.toString(env.get(UNAME)) : null;
        String uname = agree(UNAME, uri.uname(), envUname);
        String aname = agree(ANAME, uri.aname(), env.containsKey(ANAME) ? Objects.toString(env.get(ANAME)) : null);
        Integer envN = env.containsKey(N_UNAME) ? parseId(env.get(N_UNAME), N_UNAME) : null;
        Integer nUname = agree(N_UNAME, uri.nUname(), envN);
        Process self = Process.current();
        boolean asThisProcess = uname == null && nUname == null;
        if (uname == null) {
            uname = System.getProperty("user.name", "nobody");
        }
        if (nUname == null) {
            // As Linux's v9fs: the caller's uid, when the caller is this process's user.
            nUname = asThisProcess ? self.uid : P9.NONUNAME;
        }
        int gid = env.containsKey(GID) ? parseId(env.get(GID), GID)
                : nUname == self.uid && self.uid != P9.NONUNAME ? self.gid : P9.NONUNAME;
        int umask = env.containsKey(UMASK) ? parseMode(env.get(UMASK), UMASK) : self.umask;

        ClientConfig config = env.get(CONFIG) instanceof ClientConfig c ? c
                : env.containsKey(CONFIG) ? fail(CONFIG, env.get(CONFIG), "a ClientConfig") : ClientConfig.defaults();
        if (env.containsKey(MSIZE)) {
            config = config.withMsize(parseInt(env.get(MSIZE), MSIZE));
        }
        if (env.containsKey(DIALECT)) {
            Object d = env.get(DIALECT);
            config = config.withDialect(d instanceof Dialect dialect ? dialect : Dialect.parse(Objects.toString(d)));
        }
        if (env.containsKey(TIMEOUT)) {
            config = config.withConnectTimeout(parseDuration(env.get(TIMEOUT), TIMEOUT));
        }
        if (env.containsKey(REPLY_TIMEOUT)) {
            config = config.withReplyTimeout(parseDuration(env.get(REPLY_TIMEOUT), REPLY_TIMEOUT));
        }
        if (env.containsKey(WINDOW)) {
            config = config.withIoWindow(parseInt(env.get(WINDOW), WINDOW));
        }
        return new Settings(new Key(uri.address(), uname, aname == null ? "" : aname, nUname), gid, umask, config);
    }

    private static <T> T agree(String name, T fromUri, T fromEnv) {
        if (fromUri != null && fromEnv != null && !fromUri.equals(fromEnv)) {
            throw new IllegalArgumentException("the URI says " + name + " " + fromUri + ", the environment " + fromEnv);
        }
        return fromUri != null ? fromUri : fromEnv;
    }

    /** A numeric user or group id: a number (unsigned 32 bits), or -1 or "none" for none. */
    static int parseId(Object value, String key) {
        if (value instanceof Number n) {
            long v = n.longValue();
            if (v == -1) {
                return P9.NONUNAME;
            }
            if (v < 0 || v > 0xFFFF_FFFFL) {
                return fail(key, value, "a 32-bit unsigned id");
            }
            return (int) v;
        }
        String s = Objects.toString(value).trim();
        if (s.equals("none") || s.equals("-1")) {
            return P9.NONUNAME;
        }
        try {
            return Integer.parseUnsignedInt(s);
        } catch (NumberFormatException e) {
            return fail(key, value, "a numeric id, -1 or none");
        }
    }

    private static int parseInt(Object value, String key) {
        if (value instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        try {
            return Integer.parseInt(Objects.toString(value).trim());
        } catch (NumberFormatException e) {
            return fail(key, value, "an integer");
        }
    }

    /** A mode: a number, or a string in octal ("022"). */
    private static int parseMode(Object value, String key) {
        if (value instanceof Number n) {
            return n.intValue() & 07777;
        }
        try {
            return Integer.parseInt(Objects.toString(value).trim(), 8) & 07777;
        } catch (NumberFormatException e) {
            return fail(key, value, "an octal mode such as 022");
        }
    }

    private static Duration parseDuration(Object value, String key) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        String s = Objects.toString(value).trim();
        try {
            return s.startsWith("P") || s.startsWith("p") ? Duration.parse(s) : Duration.ofMillis(Long.parseLong(s));
        } catch (NumberFormatException | DateTimeParseException e) {
            return fail(key, value, "a Duration, milliseconds, or ISO-8601 such as PT10S");
        }
    }

    private static <T> T fail(String key, Object value, String expected) {
        throw new IllegalArgumentException("environment key '" + key + "' is " + value + "; expected " + expected);
    }

    /**
     * This process's effective uid and gid and its umask, from /proc/self/status (Linux); on
     * other systems the ids are unknown (NONUNAME) and the umask is 022.
     */
    private record Process(int uid, int gid, int umask) {
        private static volatile Process current;

        static Process current() {
            Process p = current;
            if (p == null) {
                p = read();
                current = p;
            }
            return p;
        }

        private static Process read() {
            int uid = P9.NONUNAME;
            int gid = P9.NONUNAME;
            int umask = 022;
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
                for (String line : lines) {
                    String[] f = line.split("\\s+");
                    if (f.length >= 3 && f[0].equals("Uid:")) {
                        uid = Integer.parseUnsignedInt(f[2]);   // real, effective, saved, fs
                    } else if (f.length >= 3 && f[0].equals("Gid:")) {
                        gid = Integer.parseUnsignedInt(f[2]);
                    } else if (f.length >= 2 && f[0].equals("Umask:")) {
                        umask = Integer.parseInt(f[1], 8);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: ids unknown
            }
            return new Process(uid, gid, umask);
        }
    }
}
