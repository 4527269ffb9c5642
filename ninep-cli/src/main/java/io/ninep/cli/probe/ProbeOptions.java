package io.ninep.cli.probe;

import io.ninep.cli.options.ProcessIds;
import io.ninep.protocol.Dialect;
import io.ninep.transport.DialAddress;
import java.time.Duration;
import java.util.Set;

/**
 * What {@link Probe} runs against and how.
 *
 * @param address the server
 * @param uname Tattach's uname
 * @param aname Tattach's aname (the tree to attach; diod wants the export's path)
 * @param nUname Tattach's n_uname in 9P2000.u and 9P2000.L (NONUNAME for none)
 * @param gid the gid for Tlcreate and Tmkdir
 * @param dialect the dialect to run the checks in, or null for the best the server speaks
 *     (9P2000.L, then 9P2000.u, then 9P2000)
 * @param msize the msize asked for the checks' sessions
 * @param timeout how long to wait for any one reply
 * @param hostile also run the hostile checks (input that crashes some servers)
 * @param only run just these checks (ids, or prefixes such as "walk"); empty for all
 * @param skip leave these out (ids or prefixes)
 * @param verifyLimit the largest answered msize the msize checks verify by sending a frame of that size
 * @param flushRounds how many times "Tflush racing a write" is tried
 */
public record ProbeOptions(DialAddress address, String uname, String aname, int nUname, int gid, Dialect dialect,
                           long msize, Duration timeout, boolean hostile, Set<String> only, Set<String> skip,
                           long verifyLimit, int flushRounds) {

    public static final long DEFAULT_MSIZE = 131072;
    public static final long DEFAULT_VERIFY_LIMIT = 128L << 20;
    public static final int DEFAULT_FLUSH_ROUNDS = 20;

    public ProbeOptions {
        only = Set.copyOf(only);
        skip = Set.copyOf(skip);
    }

    /** Defaults for {@code address}: the current user, aname "", best dialect, no hostile checks. */
    public static ProbeOptions defaults(DialAddress address) {
        return new ProbeOptions(address, System.getProperty("user.name", "nobody"), "", ProcessIds.uid(), ProcessIds.gid(), null,
                DEFAULT_MSIZE, Duration.ofSeconds(5), false, Set.of(), Set.of(), DEFAULT_VERIFY_LIMIT,
                DEFAULT_FLUSH_ROUNDS);
    }

    public ProbeOptions withAname(String value) {
        return new ProbeOptions(address, uname, value, nUname, gid, dialect, msize, timeout, hostile, only, skip,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withHostile(boolean value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, timeout, value, only, skip,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withOnly(Set<String> value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, timeout, hostile, value, skip,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withSkip(Set<String> value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, timeout, hostile, only, value,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withTimeout(Duration value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, value, hostile, only, skip,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withDialect(Dialect value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, value, msize, timeout, hostile, only, skip,
                verifyLimit, flushRounds);
    }

    public ProbeOptions withUser(String name, int numericId, int groupId) {
        return new ProbeOptions(address, name, aname, numericId, groupId, dialect, msize, timeout, hostile, only,
                skip, verifyLimit, flushRounds);
    }

    public ProbeOptions withFlushRounds(int value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, timeout, hostile, only, skip,
                verifyLimit, value);
    }

    public ProbeOptions withVerifyLimit(long value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, msize, timeout, hostile, only, skip,
                value, flushRounds);
    }

    public ProbeOptions withMsize(long value) {
        return new ProbeOptions(address, uname, aname, nUname, gid, dialect, value, timeout, hostile, only, skip,
                verifyLimit, flushRounds);
    }

    /** Whether the check with {@code id} runs under these options. */
    public boolean selects(String id, boolean hostileCheck) {
        return !excludes(id) && (!hostileCheck || hostile || !only.isEmpty());
    }

    /** Whether --only or --skip leave the check with {@code id} out (whatever --hostile says). */
    public boolean excludes(String id) {
        return matches(skip, id) || !only.isEmpty() && !matches(only, id);
    }

    private static boolean matches(Set<String> patterns, String id) {
        for (String p : patterns) {
            if (id.equals(p) || id.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }
}
