package io.ninep.cli;

import io.ninep.cli.probe.Check;
import io.ninep.cli.probe.Checks;
import io.ninep.cli.probe.Probe;
import io.ninep.cli.probe.ProbeOptions;
import io.ninep.cli.probe.ProbeSetupException;
import io.ninep.cli.probe.Report;
import io.ninep.cli.probe.ReportFormat;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.transport.DialAddress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ninep probe}: wire-level checks against any 9P server, as a report table. */
@Command(name = "probe",
        description = {
            "Run wire-level checks against a 9P server and print a report: the dialects",
            "it speaks; its answers to msize 4096 up to 2^32-1, to msize below 4096 and",
            "to unknown versions; Tflush of an unknown tag and racing a write; a",
            "duplicate tag; walks of 0, 1, 16 and 17 names and a partial walk; a",
            "directory read over many calls. Each check says PASS, FAIL or NOTE and why;",
            "the frames of FAIL and NOTE rows follow (--verbose: of every row).",
            "The probe works in a scratch directory ninep-probe-XXXXXXXX of the attached",
            "tree, and removes it.",
            "--hostile adds checks that send input meant to break a server (a frame",
            "above msize, a truncated frame, an unknown type, a reply type as a",
            "request). They run last, each on its own connection, and can crash a",
            "server: Debian's diod 1.0.24 aborts on any R-message.",
            "Exit status: 0 if no check FAILed, 1 if one did, 2 on usage or connection",
            "errors."
        },
        mixinStandardHelpOptions = true)
final class ProbeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ADDR", arity = "0..1",
            description = "the server: tcp!HOST!PORT, HOST:PORT, 9p://HOST:PORT, unix!/PATH")
    String address;

    @Option(names = {"-a", "--aname"}, paramLabel = "PATH", description = "the tree to attach (diod: the export's path) (default: '')")
    String aname = "";

    @Option(names = {"-u", "--uname"}, paramLabel = "NAME", description = "the user name to attach as (default: this process's user)")
    String uname;

    @Option(names = "--n-uname", paramLabel = "UID",
            description = "n_uname for 9P2000.u/.L attach (default: this process's uid; -1 for none)")
    Long nUname;

    @Option(names = "--gid", paramLabel = "GID", description = "the gid for files the probe creates in 9P2000.L (default: this process's gid)")
    Integer gid;

    @Option(names = {"-d", "--dialect"}, paramLabel = "DIALECT", description = "run the checks in this dialect: 9P2000, 9P2000.u, 9P2000.L "
            + "(default: the best the server speaks)")
    String dialect;

    @Option(names = "--msize", paramLabel = "BYTES", description = "the msize the checks' sessions ask for (default: ${DEFAULT-VALUE})")
    long msize = ProbeOptions.DEFAULT_MSIZE;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for a reply (default: ${DEFAULT-VALUE})")
    double timeout = 5;

    @Option(names = "--hostile", description = "also run the hostile checks (they crash some servers)")
    boolean hostile;

    @Option(names = "--only", split = ",", paramLabel = "CHECK",
            description = "run only these checks (ids or prefixes such as walk; a hostile one named here runs)")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "CHECK", description = "leave these checks out (ids or prefixes)")
    List<String> skip = new ArrayList<>();

    @Option(names = "--verify-limit", paramLabel = "BYTES",
            description = "the largest answered msize verified by sending a frame of that size (default: ${DEFAULT-VALUE})")
    long verifyLimit = ProbeOptions.DEFAULT_VERIFY_LIMIT;

    @Option(names = "--flush-rounds", paramLabel = "N", description = "times to race a Tflush against a write (default: ${DEFAULT-VALUE})")
    int flushRounds = ProbeOptions.DEFAULT_FLUSH_ROUNDS;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "show the frames of every check, not only of FAIL and NOTE")
    boolean verbose;

    @Option(names = "--brief", description = "show no frames, only the table")
    boolean brief;

    @Option(names = "--list", description = "list the checks and exit")
    boolean list;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        if (list) {
            for (Check c : Checks.all()) {
                out.printf("%-24s %s%s%n", c.id(), c.hostile() ? "(hostile) " : "", c.description());
            }
            return 0;
        }
        if (address == null) {
            System.err.println("ninep: probe: which server? (e.g. ninep probe tcp!127.0.0.1!5640)");
            return 2;
        }
        ProbeOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            System.err.println("ninep: probe: " + e.getMessage());
            return 2;
        }
        Report report;
        try {
            report = Probe.run(o);
        } catch (ProbeSetupException e) {
            System.err.println("ninep: probe: " + e.getMessage());
            e.evidence().forEach(l -> System.err.println("    " + l));
            return 2;
        }
        out.print(json ? ReportFormat.json(report) + "\n" : ReportFormat.text(report,
                brief ? ReportFormat.Evidence.NONE : verbose ? ReportFormat.Evidence.ALL : ReportFormat.Evidence.PROBLEMS));
        out.flush();
        return report.failed() ? 1 : 0;
    }

    private ProbeOptions options() {
        ProbeOptions o = ProbeOptions.defaults(DialAddress.parse(address)).withAname(aname).withHostile(hostile)
                .withMsize(msize).withTimeout(Duration.ofMillis((long) (timeout * 1000)))
                .withVerifyLimit(verifyLimit).withFlushRounds(flushRounds);
        if (msize < P9.MIN_MSIZE || msize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("--msize " + msize + " must be from 4096 to 4294967295");
        }
        if (flushRounds < 1) {
            throw new IllegalArgumentException("--flush-rounds must be at least 1");
        }
        if (dialect != null) {
            o = o.withDialect(Dialect.parse(dialect));
        }
        if (uname != null || nUname != null || gid != null) {
            o = o.withUser(uname != null ? uname : o.uname(),
                    nUname != null ? (nUname < 0 ? P9.NONUNAME : nUname.intValue()) : o.nUname(),
                    gid != null ? gid : o.gid());
        }
        Set<String> known = new HashSet<>();
        Checks.all().forEach(c -> known.add(c.id()));
        for (String name : concat(only, skip)) {
            if (known.stream().noneMatch(id -> id.equals(name) || id.startsWith(name + "."))) {
                throw new IllegalArgumentException("no check named '" + name + "' (ninep probe --list shows them)");
            }
        }
        return o.withOnly(Set.copyOf(only)).withSkip(Set.copyOf(skip));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
