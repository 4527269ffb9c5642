package io.ninep.it.kernel;

import io.ninep.it.peers.Trees;
import io.ninep.protocol.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Linux kernel's own 9p client (Debian's 6.1, in QEMU) mounts {@code ninep serve} exporting
 * a temporary directory, and every check of the harness's {@code all} workload must pass: basic
 * file operations, syscalls (pread/pwrite, O_APPEND, unlink-while-open, mmap, POSIX locks,
 * flock), permissions as another user, a tar of a tree, extended attributes, concurrency and
 * throughput.
 *
 * <p>Configurations: msize 131072 (the kernel's default) with the full throughput sweep; 8192
 * and 1048576 (the kernel's ceiling over TCP); and cache=loose, where the one check that
 * cache=none cannot run (a shared writable mmap, which the client refuses then) must pass too.
 * Outside the 131072 run, the throughput workload runs at the mount's own msize only, to keep
 * CI time reasonable (each run of {@code all} takes two to four minutes under QEMU's TCG). A
 * last, short run mounts the demo tree of {@code ninep serve} and checks synthetic files and
 * the kernel's Tflush of a read blocked in the server.
 *
 * <p>Needs Linux, QEMU, the Debian kernel and busybox-static (the harness installs them when
 * run as root); skipped otherwise. {@code -Dninep.kernel.skip=true} skips it; {@code
 * -Dninep.kernel.configs=131072,loose} runs only some configurations; {@code
 * -Dninep.kernel.debug=true} runs the server with --debug (every message in its log).
 */
class LinuxKernelIT {
    private static Path runSh;
    private static Path logs;

    @BeforeAll
    static void requirements() throws IOException {
        assumeTrue(!Boolean.getBoolean("ninep.kernel.skip"), "ninep.kernel.skip is set");
        Prerequisites.require(System.getProperty("os.name").equals("Linux"), "Linux (the kernel test boots Linux in QEMU)");
        Path shared = Path.of(System.getProperty("ninep.shared", "../shared"));
        runSh = shared.resolve("linux9p/run.sh");
        Prerequisites.require(Files.isExecutable(runSh), runSh + " (the ../shared/linux9p harness beside the project)");
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean qemu = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "qemu-system-x86_64")));
        Prerequisites.require(root || qemu, "qemu-system-x86_64, or root so that run.sh can install it");
        logs = Path.of(System.getProperty("ninep.root", ".")).resolve("ninep-it/target/linux9p");
        Files.createDirectories(logs);
    }

    static Stream<Arguments> configurations() {
        String only = System.getProperty("ninep.kernel.configs", "");
        return Stream.of(
                Arguments.of("131072", 131072, "", "8192,65536,512000,1048576,4194304"),
                Arguments.of("8192", 8192, "", "8192"),
                Arguments.of("1048576", 1048576, "", "1048576"),
                Arguments.of("loose", 131072, "cache=loose", "131072"))
                .filter(a -> only.isEmpty() || List.of(only.split(",")).contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}: msize {1} {2}", allowZeroInvocations = true)   // -Dninep.kernel.configs may pick none
    @MethodSource("configurations")
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyCheckOfAllPasses(String config, int msize, String opts, String throughputMsizes) throws Exception {
        Path export = Files.createTempDirectory("ninep-kernel-");
        // The perms workload needs a root any user can enter.
        Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> extra = Boolean.getBoolean("ninep.kernel.debug") ? List.of("--debug") : List.of();
        Linux9pRun run;
        int serverExit;
        try (ServeProcess server = ServeProcess.start(export, logs.resolve(config + "-server.log"), extra)) {
            run = Linux9pRun.run(runSh, server.port(), msize, "all",
                    Map.of("NINEP_OPTS", opts, "NINEP_MSIZES", throughputMsizes),
                    logs.resolve(config + "-guest.log"));
            assertThat(server.isAlive()).as("ninep serve still running after the workloads").isTrue();
            serverExit = server.stop(Duration.ofSeconds(30));
        } finally {
            Trees.delete(export);
        }
        System.out.println("linux9p " + config + ": " + run.done + " " + run.hostLine());
        assertThat(run.done).as("the guest reached DONE (exit %d); see %s", run.exitCode, logs).isNotNull();
        assertThat(run.with("FAIL")).as("failed checks").isEmpty();
        assertThat(run.workloadsEnded).containsExactly("basic", "syscalls", "perms", "tree", "xattr", "concurrent", "throughput");
        // The only check that may be skipped is the shared writable mmap, and only without a
        // cache mode: the 6.1 client itself refuses MAP_SHARED writes then.
        List<String> skipped = run.with("SKIP").stream().map(Linux9pRun.Check::name).toList();
        if (opts.contains("cache=")) {
            assertThat(skipped).as("skipped checks").isEmpty();
        } else {
            assertThat(skipped).as("skipped checks").isSubsetOf("sys.mmap_shared_write");
        }
        assertThat(run.checks.size()).as("checks run").isGreaterThanOrEqualTo(90);
        assertThat(run.exitCode).isZero();
        // SIGTERM: the JVM runs the shutdown hook and exits with 128 + 15.
        assertThat(serverExit).as("exit code of ninep serve after SIGTERM").isEqualTo(143);
    }

    /**
     * The demo tree of {@code ninep serve} (no directory) through the kernel: a control file
     * feeding a stream, and a read blocked in the server that a signal ends, for which the
     * kernel sends Tflush and must get its Rflush (or the reader would hang in the kernel).
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void syntheticFilesAndTheFlushOfABlockedRead() throws Exception {
        assumeTrue(System.getProperty("ninep.kernel.configs", "").isEmpty()
                || List.of(System.getProperty("ninep.kernel.configs").split(",")).contains("synthetic"));
        Path workload = Path.of(LinuxKernelIT.class.getResource("/linux9p/synthetic.sh").toURI());
        Path serverLog = logs.resolve("synthetic-server.log");
        Linux9pRun run;
        try (ServeProcess server = ServeProcess.start(null, serverLog, List.of("--debug"))) {
            run = Linux9pRun.run(runSh, server.port(), 131072, workload.toString(), Map.of(),
                    logs.resolve("synthetic-guest.log"));
            assertThat(server.stop(Duration.ofSeconds(30))).isEqualTo(143);
        }
        System.out.println("linux9p synthetic: " + run.done + " " + run.hostLine());
        assertThat(run.done).as("the guest reached DONE (exit %d); see %s", run.exitCode, logs).isNotNull();
        assertThat(run.with("FAIL")).as("failed checks").isEmpty();
        assertThat(run.checks.keySet()).contains("synth.control_feeds_stream", "synth.flush_of_a_blocked_read",
                "synth.works_after_the_flush");
        String trace = Files.readString(serverLog);
        assertThat(trace).as("the kernel flushed the blocked read").contains("<- Tflush").contains("-> Rflush");
        assertThat(run.exitCode).isZero();
    }
}
