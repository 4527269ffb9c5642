package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ninep bench} end to end with tiny sizes and short points: every family runs, every file
 * of the report is written. No figure is checked against a threshold: only that there are figures.
 */
class BenchCommandTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    private static final String[] TINY = {"--quick", "--no-diod", "--no-iperf3", "--msizes", "8K,64K", "--file-size", "2M",
        "--alloc-msizes", "64K,1M", "--alloc-requests", "200", "--dir-entries", "100", "--duration", "0.05", "--warmup",
        "0.02", "--repeats", "2", "--small-in-flight", "4", "--connections", "2", "--backends", "memory,null,local"};

    private record Run(int code, String out, String err) {}

    private static synchronized Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private String[] args(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("bench", "--out", out.toString(), "--work", dir.toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aTinyRunInProcessWritesEveryPartOfTheReport() throws Exception {
        Path out = dir.resolve("report");
        Run r = run(args(out, "--in-process"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("results.csv")).exists();
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv.getFirst()).isEqualTo(CsvFormat.RESULTS_HEADER);
        Set<String> families = csv.stream().skip(1).map(l -> l.split(",")[1]).collect(Collectors.toSet());
        assertThat(families).containsExactlyInAnyOrder("baseline", "seq", "small", "alloc", "readdir");
        Set<String> backends = csv.stream().skip(1).filter(l -> l.contains(",seq,")).map(l -> l.split(",")[4])
                .collect(Collectors.toSet());
        assertThat(backends).containsExactlyInAnyOrder("memory", "null", "local");
        assertThat(Files.readAllLines(out.resolve("targets.csv"))).as("a header and 13 targets").hasSize(14)
                .anySatisfy(l -> assertThat(l).contains("(local backend), TCP"))
                .anySatisfy(l -> assertThat(l).contains("callers on platform threads"));
        assertThat(csv).as("Tgetattr timed from a platform thread too")
                .anySatisfy(l -> assertThat(l).contains(",getattr-platform,"));
        assertThat(csv).as("the raw ping-pong in turn with Tgetattr x1's repeats, on both kinds of thread")
                .anySatisfy(l -> assertThat(l).contains(",baseline,paired,raw,-,tcp,pingpong-paired,0,1,1,latency_p50,"))
                .anySatisfy(l -> assertThat(l).contains(",baseline,paired,raw,-,tcp,pingpong-virtual-paired,0,1,1,latency_p50,"));
        assertThat(csv).as("the raw blast over file-sized memory, both ways, beside the one over a single buffer")
                .anySatisfy(l -> assertThat(l).contains(",baseline,blast-file,raw,-,tcp,read,"))
                .anySatisfy(l -> assertThat(l).contains(",baseline,blast-file,raw,-,unix,write,"));
        assertThat(csv).as("the raw blast received into the big file, and pwrite into it alone")
                .anySatisfy(l -> assertThat(l).contains(",baseline,blast-into-file,raw,-,tcp,write-into-file,65536,"))
                .anySatisfy(l -> assertThat(l).contains(",baseline,file-write,file,-,-,pwrite,65536,"));
        for (String f : List.of("summary.txt", "summary.md", "machine.txt", "seq-read-tcp.png", "seq-write-unix.png",
                "small-rate.png", "small-latency-x1.png", "alloc.png", "readdir.png")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(out.resolve("machine.txt")))
                .contains("command: ninep bench --out " + out + " --work " + dir + " " + String.join(" ", TINY) + " --in-process")
                .anySatisfy(l -> assertThat(l).startsWith("ninep's server: busy poll 50 us (serve --busy-poll 50"));
        assertThat(Files.readString(out.resolve("summary.md"))).contains("**Targets in detail**")
                .containsPattern("\n- (PASS|MISS|NA): Sequential read");
        assertThat(r.out()).contains("Sequential read over tcp", "Targets (issue 5)", "Readdir of the big directory");
        // Every listing saw the whole directory: its 100 entries, "." and "..".
        assertThat(csv).filteredOn(l -> l.contains(",entries,")).hasSize(6).allSatisfy(l -> assertThat(l).contains(",102,"));
    }

    @Test
    void theServerInAJvmOfItsOwnReportsItsHeapPerRequest() throws Exception {
        Path out = dir.resolve("child");
        Run r = run(args(out, "--only", "alloc", "--alloc-msizes", "64K"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).anySatisfy(l -> assertThat(l).contains(",getattr,65536,", ",server_heap_per_request,"));
        assertThat(r.err()).contains("ninep's server runs in process");
    }

    @Test
    void theLocalBackendsWritesFromOneMegabyteTakeTurnsWithTheSocketAndWithTheSocketIntoTheFile() throws Exception {
        Path out = dir.resolve("into-file");
        Run r = run(args(out, "--in-process", "--only", "seq", "--backends", "local", "--transports", "tcp",
                "--msizes", "1M"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).as("both blasts and both ratios, for the write with N in flight only")
                .anySatisfy(l -> assertThat(l).contains(",baseline,blast-paired,raw,local,tcp,write,1048576,4,"))
                .anySatisfy(l -> assertThat(l).contains(",baseline,blast-into-file-paired,raw,local,tcp,write,1048576,4,"))
                .anySatisfy(l -> assertThat(l).contains(",baseline,ratio-into-file-in-turn,ninep,local,tcp,write,1048576,4,"))
                .noneSatisfy(l -> assertThat(l).contains(",blast-into-file-paired,raw,local,tcp,read,"));
        assertThat(r.out()).contains("raw into file");
        assertThat(Files.readAllLines(out.resolve("targets.csv")))
                .anySatisfy(l -> assertThat(l).contains("the raw socket into the file in turn"));
    }

    @Test
    void pinnedTheServerAndTheClientRunOnCpusOfTheirOwnAndThisJvmGetsItsCpusBack() throws Exception {
        long self = ProcessHandle.current().pid();
        Set<String> before = CpuAffinity.ofEveryThread(self);
        Path out = dir.resolve("pinned");
        Run r = run(args(out, "--only", "baseline,alloc", "--alloc-msizes", "64K", "--transports", "tcp", "--pin"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ninep bench: pinned, servers on CPU 0, client on CPU 1");
        assertThat(Files.readString(out.resolve("machine.txt"))).contains("; pinned: servers on CPU 0, client on CPU 1");
        assertThat(CpuAffinity.ofEveryThread(self)).isEqualTo(before);
    }

    @Test
    void pinningAServerInThisJvmIsAUsageError() {
        Run r = run("bench", "--pin", "--in-process", "--out", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ninep: bench: --pin holds the server and the client to CPUs of their own: it "
                + "needs the server in a JVM of its own (leave out --in-process)\n");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void aMissingDiodIsSaidBeforeAnythingStarts() {
        Run r = run("bench", "--only", "small", "--diod", dir.resolve("no-diod").toString(), "--out", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ninep: bench: no diod at " + dir.resolve("no-diod")
                + " (apt-get install diod, or --diod PATH, or --no-diod)\n");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatCannotBeMadeIsOneLineNotATrace() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        Run r = run(args(blocker.resolve("report"), "--only", "alloc", "--in-process"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).endsWith("ninep: bench: " + blocker.resolve("report") + ": Not a directory\n")
                .doesNotContain("\tat ");
    }

    @Test
    void aBusyPollPastAMillisecondIsAUsageError() {
        Run r = run("bench", "--server-busy-poll", "2000", "--out", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ninep: bench: --server-busy-poll: busy poll of 2000 us is outside 0 to 1000 us\n");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void unknownFamiliesAreUsageErrors() {
        Run r = run("bench", "--only", "everything", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no scenario family 'everything'");
    }
}
