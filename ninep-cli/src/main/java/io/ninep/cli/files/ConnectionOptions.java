package io.ninep.cli.files;

import io.ninep.cli.options.ByteSize;
import io.ninep.cli.options.ProcessIds;
import io.ninep.client.ClientConfig;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options every file command shares (a picocli mixin): how to connect and attach. Long
 * names only, so that each command keeps its short options for what coreutils uses them for
 * ({@code ls -a}, {@code ls -d}).
 */
public final class ConnectionOptions {

    /** How long connecting may take unless --timeout says otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--msize", paramLabel = "BYTES", converter = SizeConverter.class,
            description = "the msize to ask for; k and M suffixes allowed (default: 1M). If the transport or server"
                    + " cuts it, a note says so on standard error")
    Integer msize;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "9P2000.L (default), 9P2000.u or 9P2000")
    String dialect = "9P2000.L";

    @Option(names = "--uname", paramLabel = "NAME", description = "the user name to attach as (default: this process's user)")
    String uname;

    @Option(names = "--aname", paramLabel = "TREE",
            description = "the tree to attach (diod: the exported directory) (default: '')")
    String aname = "";

    @Option(names = "--n-uname", paramLabel = "UID",
            description = "the numeric user id sent in a 9P2000.u/.L attach (default: this process's uid; -1 for none)")
    Long nUname;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = {"give up when connecting, or when a request has had no reply, for this long (default:"
                    + " 10 s to connect, no limit on replies, since a synthetic file may block a read on purpose)"})
    Double timeout;

    @Option(names = {"-v", "--verbose"},
            description = "say what is done: the dialect and msize agreed, and each file made, moved or removed")
    boolean verbose;

    public boolean verbose() {
        return verbose;
    }

    /** The dialect asked for. */
    public Dialect dialect() {
        return Dialect.parse(dialect);
    }

    /** Whether the user chose the msize (then a cut is worth a note even without --verbose). */
    public boolean msizeGiven() {
        return msize != null;
    }

    public String uname() {
        return uname != null ? uname : System.getProperty("user.name", "nobody");
    }

    public String aname() {
        return aname;
    }

    public int nUname() {
        if (nUname == null) {
            return ProcessIds.uid();
        }
        if (nUname == -1 || nUname == 0xFFFF_FFFFL) {
            return P9.NONUNAME;
        }
        if (nUname < 0 || nUname > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("--n-uname " + nUname + " is not a user id");
        }
        return (int) (long) nUname;
    }

    /** The reply timeout; null for none. */
    public Duration replyTimeout() {
        return timeout == null || timeout == 0 ? null : seconds(timeout);
    }

    public Duration connectTimeout() {
        return timeout == null || timeout == 0 ? DEFAULT_CONNECT_TIMEOUT : seconds(timeout);
    }

    private static Duration seconds(double s) {
        if (s < 0 || Double.isNaN(s)) {
            throw new IllegalArgumentException("--timeout " + s + " is not a number of seconds");
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** The client configuration these options ask for; IllegalArgumentException for a bad value. */
    public ClientConfig clientConfig() {
        ClientConfig c = ClientConfig.defaults().withDialect(dialect()).withConnectTimeout(connectTimeout());
        if (msize != null) {
            c = c.withMsize(msize);
        }
        return c;
    }

    /** "131072", "128k", "4M" ({@link ByteSize}): an msize from 4096 to 2147483647. */
    static final class SizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = ByteSize.parse(value);
            if (n < P9.MIN_MSIZE || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("msize " + value + " is outside " + P9.MIN_MSIZE + " to 2147483647");
            }
            return (int) n;
        }
    }
}
