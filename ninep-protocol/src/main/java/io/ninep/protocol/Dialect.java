package io.ninep.protocol;

import java.util.Optional;

/**
 * The three 9P dialects. A dialect decides which message types are legal on a connection and
 * how the dialect-dependent messages look on the wire (errors, stat, auth/attach, create).
 *
 * <ul>
 *   <li>{@link #P9P2000}: the Plan 9 protocol of intro(5). Errors are strings (Rerror ename).
 *   <li>{@link #P9P2000_U}: 9P2000.u, the Unix extension: Rerror adds errno[4], stat adds
 *       extension[s] n_uid[4] n_gid[4] n_muid[4], Tauth/Tattach add n_uname[4], Tcreate adds
 *       extension[s].
 *   <li>{@link #P9P2000_L}: 9P2000.L, the Linux dialect: the core messages of 9P2000 (version,
 *       auth, attach, flush, walk, read, write, clunk, remove), Tauth/Tattach in their .u form,
 *       Rlerror instead of Rerror, and operations that map onto the Linux VFS. Topen, Tcreate,
 *       Tstat and Twstat do not exist in it.
 * </ul>
 */
public enum Dialect {
    P9P2000("9P2000"),
    P9P2000_U("9P2000.u"),
    P9P2000_L("9P2000.L");

    private final String versionString;

    Dialect(String versionString) {
        this.versionString = versionString;
    }

    /** The string that names this dialect in Tversion/Rversion. */
    public String versionString() {
        return versionString;
    }

    /** True for the dialects that carry the 9P2000.u fields (numeric ids, errno, extension). */
    public boolean hasUnixExtensions() {
        return this != P9P2000;
    }

    /**
     * The dialect a version string names. version(5) says a version string may carry a suffix
     * after a period that the server may not understand, so "9P2000.foo" answers 9P2000, while
     * "9P2000.u" and "9P2000.L" name their own dialects. Anything not starting with "9P2000"
     * names no dialect (the server answers "unknown").
     */
    public static Optional<Dialect> fromVersionString(String version) {
        for (Dialect d : values()) {
            if (d.versionString.equals(version)) {
                return Optional.of(d);
            }
        }
        if (version.startsWith("9P2000.")) {
            return Optional.of(P9P2000);
        }
        return Optional.empty();
    }

    /**
     * Parses a user's spelling, case-insensitively: "9P2000.L", "9p2000.l", "L", "9P2000.u",
     * "u", "9P2000".
     */
    public static Dialect parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "9p2000.l", "l" -> P9P2000_L;
            case "9p2000.u", "u" -> P9P2000_U;
            case "9p2000" -> P9P2000;
            default -> throw new IllegalArgumentException(
                    "unknown 9P dialect '" + text + "'; use 9P2000, 9P2000.u or 9P2000.L");
        };
    }

    @Override
    public String toString() {
        return versionString;
    }
}
