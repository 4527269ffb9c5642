package io.ninep.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * One run of {@code ninep bench}: makes the files, starts the servers (ninep's in a JVM of its
 * own, diod), runs the chosen families in order (baselines first, so every ratio compares
 * figures of the same run), checks the targets, and writes the report: {@code results.csv},
 * {@code targets.csv}, {@code summary.txt}, {@code summary.md}, {@code machine.txt} and the PNG
 * charts, into the output directory; the tables go to standard output as well.
 */
public final class BenchRun {
    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream log;
    private final List<String> commandLine;

    /**
     * @param commandLine the arguments the run was started with, for the report
     */
    public BenchRun(BenchOptions options, List<String> commandLine, PrintStream out, PrintStream log) {
        this.options = options;
        this.commandLine = List.copyOf(commandLine);
        this.out = out;
        this.log = log;
    }

    /** What a run leaves: its figures and the verdicts. */
    public record Outcome(List<Result> results, List<TargetCheck.Verdict> verdicts, List<Path> files) {}

    public Outcome run() throws Exception {
        Machine machine = Machine.describe();
        CpuTimes cpuAtStart = CpuTimes.now();
        String runId = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Files.createDirectories(options.out());
        log.println("ninep bench: " + machine.line() + "; load " + machine.loadBefore());
        log.println("ninep bench: writing to " + options.out().toAbsolutePath());
        Recording recording = options.jfr() ? startRecording() : null;
        List<Result> results;
        try (Fixture fixture = Fixture.create(options.work(), options.fileSize(), options.dirEntries())) {
            log.println("ninep bench: files in " + fixture.root);
            BenchServer.Config config = new BenchServer.Config(fixture.export, fixture.sockets, options.maxMsize(),
                    options.fileSize(), options.dirEntries(), options.serverBusyPoll());
            try (ServerUnderTest server = startServer(config);
                 DiodProcess diod = startDiod(fixture);
                 FloorProcess floor = diod == null ? null : startFloor(fixture)) {
                Endpoint floorEndpoint = floor == null ? null : new Endpoint("floor", "local", "tcp", floor.address(), "",
                        Fixture.BIG, FloorProcess.MAX_MSIZE);
                BenchContext ctx = new BenchContext(options, server, endpoints(server, diod, fixture), floorEndpoint,
                        fixture, log);
                String unpinned = pin(server, diod, floor);
                try {
                    runFamilies(ctx);
                } finally {
                    if (unpinned != null) {
                        CpuAffinity.set(ProcessHandle.current().pid(), unpinned);
                    }
                }
                results = ctx.results();
            }
        } finally {
            if (recording != null) {
                recording.stop();
                recording.close();
                log.println("ninep bench: flight recordings in " + options.out().resolve("client.jfr") + " and server.jfr");
            }
        }
        String loadAfter = Machine.loadAverage();
        double steal = CpuTimes.now().stealSince(cpuAtStart);
        List<TargetCheck.Verdict> verdicts = new TargetCheck(results, options.inFlight()).verdicts();
        List<Path> files = write(runId, machine, loadAfter, steal, results, verdicts);
        return new Outcome(results, verdicts, files);
    }

    private void runFamilies(BenchContext ctx) throws Exception {
        if (options.runs(Family.BASELINE)) {
            new Baselines(ctx).run();
        }
        if (options.runs(Family.SEQ)) {
            new SeqScenario(ctx).run();
        }
        if (options.runs(Family.SMALL)) {
            new SmallOpsScenario(ctx).run();
        }
        if (options.runs(Family.ALLOC)) {
            new AllocScenario(ctx).run();
        }
        if (options.runs(Family.READDIR)) {
            new ReaddirScenario(ctx).run();
        }
    }

    /**
     * With {@code --pin}: the server JVM, diod and the write floor on the servers' CPU, this JVM on the client's.
     * The server JVM was launched on its CPU ({@link #startServer}), so it sized its carrier and
     * GC threads for one CPU, as a JVM in a one-CPU container does; pinned after it started, it
     * kept two carriers for the one CPU, and they took turns on it: the local backend's 64K reads
     * with four in flight made 1.16 and 1.21 of diod (alternating windows against the same
     * server launched pinned, which made 1.33 and 1.45), though its 4M writes made 4 to 8 % more
     * (likely a splice that waits for the socket, holding the one carrier). This JVM, which cannot be launched
     * again, is pinned now. Returns its CPUs before, to give back after the run, or null if not
     * pinned.
     */
    private String pin(ServerUnderTest server, DiodProcess diod, FloorProcess floor) throws IOException, InterruptedException {
        Pinning p = options.pinning();
        if (p == null) {
            return null;
        }
        String cpu = Integer.toString(p.serverCpu());
        if (server instanceof ServerProcess child) {
            CpuAffinity.set(child.pid(), cpu);
        }
        if (diod != null) {
            CpuAffinity.set(diod.pid(), cpu);
        }
        if (floor != null) {
            CpuAffinity.set(floor.pid(), cpu);
        }
        long self = ProcessHandle.current().pid();
        String before = CpuAffinity.of(self);
        CpuAffinity.set(self, Integer.toString(p.clientCpu()));
        log.println("ninep bench: pinned, " + p.describe());
        return before;
    }

    private Recording startRecording() throws IOException, java.text.ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setName("ninep bench client");
        r.setDestination(options.out().resolve("client.jfr"));
        r.start();
        return r;
    }

    private ServerUnderTest startServer(BenchServer.Config config) throws IOException {
        if (options.inProcess()) {
            return BenchServer.start(config);
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.serverHeap(), "-XX:+UseG1GC"));
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording:filename=" + options.out().resolve("server.jfr").toAbsolutePath()
                    + ",settings=profile");
            jvm.add("-Xlog:jfr+startup=warning");
        }
        Integer cpu = options.pinning() == null ? null : options.pinning().serverCpu();
        ServerProcess p = ServerProcess.start(config, jvm, cpu, options.out().resolve("server.log"));
        log.println("ninep bench: ninep's server runs in process " + p.pid() + " (" + String.join(" ", jvm) + ")");
        return p;
    }

    private DiodProcess startDiod(Fixture fixture) throws IOException, InterruptedException {
        if (!options.needsDiod()) {
            return null;
        }
        DiodProcess d = DiodProcess.start(options.diod(), fixture.export, fixture.diodWork, options.out().resolve("diod.log"));
        log.println("ninep bench: diod runs in process " + d.pid() + " on " + d.address());
        return d;
    }

    /**
     * The write floor, where the run writes through the local backend against diod; null, with a
     * line saying why, where no C compiler is on PATH or it could not build or start the floor:
     * a figure beside a target is no reason to lose the run.
     */
    private FloorProcess startFloor(Fixture fixture) throws InterruptedException {
        if (!options.runs(Family.SEQ) || !options.backends().contains("local") || !options.transports().contains("tcp")) {
            return null;
        }
        Optional<Path> cc = FloorProcess.compiler();
        if (cc.isEmpty()) {
            log.println("ninep bench: no C compiler (cc, gcc) on PATH: the write floor is left out (apt-get install gcc)");
            return null;
        }
        try {
            FloorProcess f = FloorProcess.start(cc.get(), fixture.export.resolve(Fixture.BIG), fixture.root.resolve("floor"),
                    options.out().resolve("write-floor.log"));
            log.println("ninep bench: the write floor runs in process " + f.pid() + " on " + f.address());
            return f;
        } catch (IOException e) {
            log.println("ninep bench: the write floor is left out: " + e.getMessage());
            return null;
        }
    }

    List<Endpoint> endpoints(ServerUnderTest server, DiodProcess diod, Fixture fixture) {
        List<Endpoint> list = new ArrayList<>();
        for (String transport : options.transports()) {
            for (String backend : transport.equals("tcp") ? options.backends() : options.unixBackends()) {
                String address = server.addresses().get((backend.equals("local") ? "local" : "memory") + "-" + transport);
                String file = backend.equals("null") ? Fixture.NULL : Fixture.BIG;
                list.add(new Endpoint("ninep", backend, transport, address, "", file, Integer.MAX_VALUE));
            }
        }
        if (diod != null) {
            list.add(new Endpoint("diod", "local", "tcp", diod.address(), diod.aname(), Fixture.BIG, DiodProcess.MAX_MSIZE));
        }
        return list;
    }

    private List<Path> write(String runId, Machine machine, String loadAfter, double steal, List<Result> results,
                             List<TargetCheck.Verdict> verdicts) throws IOException {
        Path dir = options.out();
        List<Path> files = new ArrayList<>();
        files.add(writeString(dir.resolve("results.csv"), CsvFormat.results(runId, results)));
        files.add(writeString(dir.resolve("targets.csv"), CsvFormat.targets(verdicts)));
        List<String> machineLines = new ArrayList<>(machine.lines(loadAfter));
        machineLines.add(String.format("steal (CPU time the hypervisor gave other guests) during the run: %.1f%%;"
                + " the points where it took 1%% or more say so in results.csv", 100 * steal));
        machineLines.add("command: ninep bench " + String.join(" ", commandLine));
        machineLines.add("method: " + method() + "; " + placement());
        machineLines.add(busyPoll());
        files.add(writeString(dir.resolve("machine.txt"), String.join("\n", machineLines) + "\n"));
        List<TextTable> tables = new Report(results).tables(verdicts);
        StringBuilder text = new StringBuilder();
        StringBuilder md = new StringBuilder();
        for (String l : machineLines) {
            text.append(l).append('\n');
            md.append("- ").append(l).append('\n');
        }
        for (TextTable t : tables) {
            text.append('\n').append(t.text());
            md.append('\n').append(t.markdown());
        }
        text.append('\n').append(details(verdicts));
        md.append('\n').append(detailsMarkdown(verdicts));
        files.add(writeString(dir.resolve("summary.txt"), text.toString()));
        files.add(writeString(dir.resolve("summary.md"), md.toString()));
        String subtitle = machine.line() + "; " + placement() + "\n" + method() + "; load average " + machine.loadBefore() + " before, "
                + loadAfter + " after";
        files.addAll(new Charts(results, subtitle).writeAll(dir));
        out.print(text);
        out.println();
        out.println("Written: " + files.stream().map(p -> p.getFileName().toString()).toList() + " in " + dir);
        out.flush();
        return files;
    }

    private String method() {
        Plan p = options.plan();
        return String.format("median of %d x %.1f s after %.1f s of warm-up; whiskers: smallest and largest repeat",
                p.repeats(), p.eachNanos() / 1e9, p.warmupNanos() / 1e9);
    }

    private String busyPoll() {
        long micros = options.serverBusyPoll().toNanos() / 1000;
        return micros == 0 ? "ninep's server: no busy poll (its default)"
                : "ninep's server: busy poll " + micros + " us (serve --busy-poll " + micros
                + "; its default is 0): a connection with nothing in flight spins that long on its socket before it sleeps";
    }

    private String placement() {
        return options.pinning() == null ? "not pinned" : "pinned: " + options.pinning().describe();
    }

    static String details(List<TargetCheck.Verdict> verdicts) {
        StringBuilder b = new StringBuilder("Targets in detail\n");
        for (TargetCheck.Verdict v : verdicts) {
            b.append(v.outcome()).append("  ").append(v.target()).append("\n  ").append(v.detail()).append('\n');
        }
        return b.toString();
    }

    static String detailsMarkdown(List<TargetCheck.Verdict> verdicts) {
        StringBuilder b = new StringBuilder("**Targets in detail**\n\n");
        for (TargetCheck.Verdict v : verdicts) {
            b.append("- ").append(v.outcome()).append(": ").append(v.target()).append("  \n  ").append(v.detail())
                    .append('\n');
        }
        return b.toString();
    }

    private static Path writeString(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
