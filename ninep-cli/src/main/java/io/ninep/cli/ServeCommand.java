package io.ninep.cli;

import io.ninep.cli.options.ByteSize;
import io.ninep.server.Connection;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.spi.FileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.StreamTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ninep serve}: exports a directory (or, with none, a demo tree in memory) over 9P to
 * the Linux kernel's client, ninep's client or any other.
 */
@Command(name = "serve",
        description = {
            "Serve DIR over 9P (9P2000.L, 9P2000.u and 9P2000) until stopped. Without DIR, serve a demo tree in memory: a few files a program publishes, and a scratch directory anyone may write.",
            "Each connection's open, negotiated msize and close are logged on standard error. SIGTERM (or Ctrl-C) stops accepting, lets requests in flight finish for --grace seconds, then closes.",
            "Exit status: 0 after a clean stop (143 when stopped by SIGTERM), 1 if the server could not start, 2 on usage errors.",
            ""
        },
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "directory to export; a client never reaches outside it. None: a demo tree in memory")
    Path directory;

    @Option(names = {"-l", "--listen"}, paramLabel = "ADDR",
            description = {"where to listen, repeatable: tcp!HOST!PORT, HOST:PORT, unix!/PATH or /PATH",
                "(default: tcp!127.0.0.1!5640)"})
    List<String> listen = new ArrayList<>();

    @Option(names = "--stdio", description = "serve one connection on standard input and output (for mount -o trans=fd, or ssh); logs go to standard error")
    boolean stdio;

    @Option(names = "--msize", paramLabel = "BYTES", converter = SizeConverter.class,
            description = "the largest msize agreed to, at least 4096; k and M suffixes allowed (default: 4M)")
    int msize = ServerConfig.DEFAULT_MAX_MSIZE;

    @Option(names = "--readonly", description = "refuse every change with EROFS")
    boolean readOnly;

    @Option(names = "--debug", description = "print every message, both ways, on standard error in the decode format")
    boolean debug;

    @Option(names = "--max-fids", paramLabel = "N", description = "fids a connection may hold (default: ${DEFAULT-VALUE})")
    int maxFids = ServerConfig.DEFAULT_MAX_FIDS;

    @Option(names = "--max-requests", paramLabel = "N", description = "requests a connection may have in flight, at least 128 (default: ${DEFAULT-VALUE})")
    int maxRequests = ServerConfig.DEFAULT_MAX_REQUESTS;

    @Option(names = "--grace", paramLabel = "SECONDS", description = "how long a stop waits for requests in flight (default: ${DEFAULT-VALUE})")
    int graceSeconds = 5;

    @Option(names = "--busy-poll", paramLabel = "MICROSECONDS", description = {"how long a connection with nothing in flight "
            + "spins on its socket for the next request before its reader sleeps, at most 1000 (default: 0, it sleeps at once). "
            + "A client with one request at a time gets its replies sooner, for up to that much CPU after each reply; "
            + "see docs/server.md"})
    int busyPollMicros;

    @Option(names = "--stats", paramLabel = "SECONDS", arity = "0..1", parameterConsumer = StatsPeriod.class,
            description = {"print a summary line on standard error every SECONDS (default 10): connections, requests per second, "
                    + "requests in flight, flushes (how many requests they cancelled, how many replies won the race), "
                    + "errors, bytes in and out per second, buffers lent by size class and the bytes the pools hold. "
                    + "Counts and rates cover the time since the previous line"})
    Double statsSeconds;

    @Override
    public Integer call() {
        Logs.configure(debug);
        PrintStream out = stdio ? System.err : System.out;
        ServerConfig config;
        try {
            config = ServerConfig.defaults().withReadOnly(readOnly).withTrace(debug ? System.err::println : null);
            config = option("--msize", config, c -> c.withMaxMsize(msize));
            config = option("--max-fids", config, c -> c.withMaxFids(maxFids));
            config = option("--max-requests", config, c -> c.withMaxRequests(maxRequests));
            config = option("--busy-poll", config, c -> c.withBusyPoll(Duration.ofNanos(busyPollMicros * 1000L)));
        } catch (IllegalArgumentException e) {
            System.err.println("ninep serve: " + e.getMessage());
            return 2;
        }
        if (statsSeconds != null && !(statsSeconds >= 0.01 && statsSeconds <= 86400)) {
            System.err.println("ninep serve: --stats takes a period between 0.01 and 86400 seconds, not " + statsSeconds);
            return 2;
        }
        if (stdio && !listen.isEmpty()) {
            System.err.println("ninep serve: --stdio serves standard input and output; it takes no --listen");
            return 2;
        }
        FileServer fs;
        String what;
        try {
            if (directory != null) {
                if (!Files.isDirectory(directory)) {
                    System.err.println("ninep serve: " + directory + " is not a directory");
                    return 2;
                }
                fs = new LocalFileServer(directory, readOnly);
                what = directory.toAbsolutePath().normalize().toString();
            } else {
                fs = DemoTree.create().readOnly(readOnly);
                what = "the demo tree (in memory)";
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ninep serve: cannot export " + directory + ": " + e.getMessage());
            return 1;
        }
        NinepServer server = new NinepServer(fs, config);
        try (ServeStats stats = statsSeconds == null ? null
                : ServeStats.start(server.metrics(), Duration.ofNanos((long) (statsSeconds * 1e9)), System.err)) {
            return serve(server, what, out);
        }
    }

    /**
     * One option's change to a server configuration; its refusal names the option, as picocli's
     * own errors do. {@code bench --server-busy-poll} checks its value with it too.
     */
    static ServerConfig option(String name, ServerConfig config, UnaryOperator<ServerConfig> change) {
        try {
            return change.apply(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private int serve(NinepServer server, String what, PrintStream out) {
        if (stdio) {
            Connection c = server.serveHere(StreamTransport.stdio());
            server.close();
            System.err.println("ninep serve: " + c.closeReason());
            return 0;
        }
        List<Listener> listeners = new ArrayList<>();
        try {
            for (String a : listen.isEmpty() ? List.of("tcp!127.0.0.1!" + DialAddress.DEFAULT_PORT) : listen) {
                listeners.add(server.listen(DialAddress.parse(a)));
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("ninep serve: " + e.getMessage());
            server.close();
            return e instanceof IllegalArgumentException ? 2 : 1;
        }
        out.println("ninep: serving " + what + (readOnly ? ", read-only," : "") + " on "
                + String.join(", ", listeners.stream().map(l -> l.address().toString()).toList()));
        printHowToConnect(out, listeners);
        awaitStop(server);
        return 0;
    }

    /** How to reach the server with ninep's own client: the command if this build has it. */
    private String clientHint(DialAddress.Tcp tcp) {
        var parent = spec.parent();
        if (parent != null && parent.subcommands().containsKey("ls")) {
            return "list it with ninep: ninep ls " + tcp + " /";
        }
        return "from Java:          io.ninep.client.Session.connect(\"" + tcp + "\", ...) (this build has no ls/cat commands yet)";
    }

    private void printHowToConnect(PrintStream out, List<Listener> listeners) {
        for (Listener l : listeners) {
            switch (l.address()) {
                case DialAddress.Tcp tcp -> {
                    String host = tcp.host().equals("0.0.0.0") || tcp.host().equals("::") ? "THIS_HOST" : tcp.host();
                    out.println("  mount from Linux:   sudo mount -t 9p -o trans=tcp,port=" + tcp.port()
                            + ",version=9p2000.L " + host + " /mnt");
                    out.println("  " + clientHint(tcp));
                }
                case DialAddress.Unix unix -> out.println("  mount from Linux:   sudo mount -t 9p -o trans=unix,version=9p2000.L "
                        + unix.path() + " /mnt");
            }
        }
        out.println("  stop:               Ctrl-C or SIGTERM");
    }

    /** Serves until SIGTERM or Ctrl-C, then stops with the grace period. */
    private void awaitStop(NinepServer server) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("ninep serve: stopping (waiting up to " + graceSeconds + " s for requests in flight)");
            try {
                server.shutdown(Duration.ofSeconds(graceSeconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "ninep serve shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code --stats}, {@code --stats=2} or {@code --stats 0.5}: takes the next argument as the
     * period only if it is a number, so that {@code --stats DIR} still exports DIR.
     */
    static final class StatsPeriod implements picocli.CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
                                      picocli.CommandLine.Model.CommandSpec commandSpec) {
            double seconds = 10;
            if (!args.isEmpty() && args.peek().matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
                seconds = Double.parseDouble(args.pop());
            }
            argSpec.setValue(seconds);
        }
    }

    /** "131072", "128k", "4M", "1G" ({@link ByteSize}): an msize up to 2147483647. */
    static final class SizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = ByteSize.parse(value);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(value + " is larger than the largest msize, 2147483647");
            }
            return (int) n;
        }
    }

    /** The tree served when no directory is given. */
    static final class DemoTree {
        private DemoTree() {}

        static MemoryFileServer create() {
            MemoryFileServer fs = new MemoryFileServer(256L << 20);
            var root = fs.root();
            root.file("README", """
                    This tree lives in the memory of a ninep server (ninep serve with no directory).
                    A Java program publishes files like these with io.ninep.server.memory.MemoryFileServer:

                      README    static bytes
                      time      made anew at every open:   cat time
                      ctl       each write is a command:   echo hello > ctl
                      events    reads wait for events:     dd if=events bs=1   (Ctrl-C to stop)
                      scratch/  an ordinary directory anyone may write

                    Mount with the default cache mode (cache=none) so that reads reach the server.
                    Linux's client goes on reading until a read's whole buffer is full, so read a
                    stream in small records (dd bs=1) to see each event as it comes.
                    """);
            root.computed("time", () -> java.time.ZonedDateTime.now().toString() + "\n");
            var events = root.stream("events");
            root.control("ctl", command -> events.publish("ctl: " + command + "\n"));
            root.directory("scratch").chmod(01777);
            return fs;
        }
    }
}
