package io.ninep.cli.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3 over loopback TCP, the usual yardstick of a link: a one-test server
 * ({@code iperf3 -s -1}) and a client that reports every interval in JSON; each interval after
 * the omitted warm-up is a repeat. iperf3's blocks are at most 1 MiB.
 */
final class Iperf3 {
    private static final Pattern INTERVAL_SUM = Pattern.compile(
            "\"sum\"\\s*:\\s*\\{[^{}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)[^{}]*?\"omitted\"\\s*:\\s*(true|false)");

    private static final Pattern END = Pattern.compile("\"end\"\\s*:\\s*\\{");

    private final Path binary;
    private final String version;

    private Iperf3(Path binary, String version) {
        this.binary = binary;
        this.version = version;
    }

    /** iperf3 at {@code path} (a name is looked up on PATH), or null if there is none. */
    static Iperf3 find(String path) throws IOException, InterruptedException {
        Path found = null;
        if (path.contains("/")) {
            found = Files.isExecutable(Path.of(path)) ? Path.of(path) : null;
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path p = Path.of(dir, path);
                if (Files.isExecutable(p)) {
                    found = p;
                    break;
                }
            }
        }
        if (found == null) {
            return null;
        }
        Process p = new ProcessBuilder(found.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        String first = out.lines().findFirst().orElse("iperf3").trim();
        String[] words = first.split(" ");
        return new Iperf3(found, words.length > 1 ? words[1] : first);
    }

    String version() {
        return version;
    }

    /**
     * Bytes per second with blocks of {@code length} bytes: one figure per interval of the plan's
     * length. With a pinning (or null), the server starts on the servers' CPU, the client on the client's.
     */
    Summary run(int length, Plan plan, Pinning pinning) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> serverCommand = List.of(binary.toString(), "-s", "-1", "-B", "127.0.0.1", "-p", Integer.toString(port));
        Process server = new ProcessBuilder(pinning == null ? serverCommand
                : CpuAffinity.launchedOn(pinning.serverCpu(), serverCommand))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            double interval = Math.max(0.1, plan.eachNanos() / 1e9);
            long seconds = Math.max(1, (long) Math.ceil(interval * plan.repeats()));
            long omit = (long) Math.ceil(plan.warmupNanos() / 1e9);
            List<String> unpinned = List.of(binary.toString(), "-c", "127.0.0.1", "-p", Integer.toString(port), "-t",
                    Long.toString(seconds), "-O", Long.toString(omit), "-i", String.format(java.util.Locale.ROOT, "%.2f", interval),
                    "-l", Integer.toString(length), "-J");
            List<String> cmd = pinning == null ? unpinned : CpuAffinity.launchedOn(pinning.clientCpu(), unpinned);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String json = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                client.waitFor();
                List<Double> rates = intervals(json);
                if (!rates.isEmpty()) {
                    return Summary.of(rates.stream().mapToDouble(Double::doubleValue).toArray());
                }
                if (!json.contains("unable to connect") || System.nanoTime() > deadline) {
                    throw new IOException("iperf3 gave no figures: " + json.substring(0, Math.min(400, json.length())));
                }
                Thread.sleep(50);   // the server is not listening yet
            }
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The bytes per second of each interval that was not omitted, from iperf3's JSON. */
    static List<Double> intervals(String json) {
        int start = json.indexOf("\"intervals\"");
        List<Double> rates = new ArrayList<>();
        if (start < 0) {
            return rates;
        }
        Matcher summary = END.matcher(json);   // the summary object after the intervals
        if (!summary.find(start)) {
            return rates;
        }
        int end = summary.start();
        Matcher m = INTERVAL_SUM.matcher(json.substring(start, end));
        while (m.find()) {
            if (m.group(2).equals("false")) {
                rates.add(Double.parseDouble(m.group(1)) / 8);
            }
        }
        return rates;
    }
}
