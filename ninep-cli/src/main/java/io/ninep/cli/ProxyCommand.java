package io.ninep.cli;

import io.ninep.cli.proxy.Proxy;
import io.ninep.cli.proxy.TraceSink;
import io.ninep.transport.DialAddress;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ninep proxy}: a transparent, tracing 9P proxy. */
@Command(name = "proxy",
        description = {
            "Forward 9P connections from --listen to --to, byte for byte, and print one",
            "line per message each way: time, connection, direction (→ client to server,",
            "← server to client), the message, and after '#' what it means: reply",
            "latency, the msize and version negotiated, Tflush races (which reply won,",
            "an Rflush that overtook a reply, a tag reused too early) and protocol",
            "violations. Frames that do not decode are shown in hex and forwarded all",
            "the same. Runs until interrupted.",
            "Exit status: 2 if it cannot listen or the options are wrong."
        },
        mixinStandardHelpOptions = true)
final class ProxyCommand implements Callable<Integer> {

    @Option(names = {"-l", "--listen"}, required = true, paramLabel = "ADDR",
            description = "where clients connect: tcp!HOST!PORT, HOST:PORT, unix!/PATH")
    String listen;

    @Option(names = {"-t", "--to"}, required = true, paramLabel = "ADDR", description = "the server to forward to")
    String to;

    @Option(names = "--trace", paramLabel = "FILE", description = "write the trace to FILE (appending) instead of standard output")
    Path trace;

    @Option(names = "--json", description = "write JSON lines (time, conn, dir, size, type, tag, fcall, latency_us, notes, hex)")
    boolean json;

    @Option(names = "--utc", description = "print times in UTC instead of the local time zone (text output)")
    boolean utc;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DialAddress listenAddress;
        DialAddress target;
        try {
            listenAddress = DialAddress.parse(listen);
            target = DialAddress.parse(to);
        } catch (IllegalArgumentException e) {
            System.err.println("ninep: proxy: " + e.getMessage());
            return 2;
        }
        PrintStream out = trace == null
                ? System.out
                : new PrintStream(new FileOutputStream(trace.toFile(), true), false, StandardCharsets.UTF_8);
        TraceSink sink = json ? TraceSink.json(out) : TraceSink.text(out, utc ? ZoneId.of("UTC") : ZoneId.systemDefault());
        Proxy proxy;
        try {
            proxy = Proxy.start(listenAddress, target, sink);
        } catch (IOException e) {
            System.err.println("ninep: proxy: " + e.getMessage());
            return 2;
        }
        System.err.println("ninep proxy: listening on " + proxy.address() + ", forwarding to " + target
                + (trace == null ? "" : ", tracing to " + trace));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.close();
            } catch (IOException e) {
                // Exiting anyway.
            }
            out.flush();
        }));
        proxy.awaitTermination();
        return 0;
    }
}
