package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** taskset through {@link CpuAffinity}, on child processes: what /proc says afterwards. */
class CpuAffinityTest {

    @Test
    void listsReadAsProcWritesThem() {
        assertThat(CpuAffinity.parse("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(CpuAffinity.parse("3")).containsExactly(3);
        assertThat(CpuAffinity.canonical("5,0,1,2")).isEqualTo("0-2,5");
        assertThat(CpuAffinity.canonical("1")).isEqualTo("1");
        assertThat(CpuAffinity.canonical("0,2")).isEqualTo("0,2");
    }

    @Test
    void everyThreadOfARunningProcessIsHeldToTheCpuAndCanBeGivenItBack() throws Exception {
        String all = CpuAffinity.of(ProcessHandle.current().pid());
        assertThat(CpuAffinity.parse(all)).as("this test needs two CPUs, as the machine has").hasSizeGreaterThanOrEqualTo(2);
        Process child = threadedChild();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(child.pid()), "task"))) {
            assertThat(tasks.count()).as("threads of the child").isGreaterThan(5);
            CpuAffinity.set(child.pid(), "0");
            assertThat(CpuAffinity.ofEveryThread(child.pid())).containsExactly("0");
            CpuAffinity.set(child.pid(), all);
            assertThat(CpuAffinity.ofEveryThread(child.pid())).containsExactly(all);
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCommandLaunchedOnACpuStartsThere() throws Exception {
        Process child = new ProcessBuilder(CpuAffinity.launchedOn(1, List.of("sleep", "60"))).start();
        try {
            awaitExec(child, "sleep");
            assertThat(CpuAffinity.ofEveryThread(child.pid())).isEqualTo(Set.of("1"));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsNotThereIsAnErrorThatSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> CpuAffinity.set(gone.pid(), "0")).isInstanceOf(IOException.class)
                .hasMessageContaining("process " + gone.pid());
    }

    @Test
    void thePinningNeedsTwoDifferentCpus() {
        assertThatThrownBy(() -> new Pinning(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two different CPUs");
        assertThat(new Pinning(0, 1).describe()).isEqualTo("servers on CPU 0, client on CPU 1");
    }

    /** A JVM waiting on its standard input: a process with a dozen threads or more. */
    private static Process threadedChild() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SleepingMain.class.getName()).start();
        try {
            p.getInputStream().read();   // it says it is up
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    private static void awaitExec(Process p, String name) throws InterruptedException {
        for (int i = 0; i < 200 && !p.info().command().orElse("").endsWith(name); i++) {
            Thread.sleep(10);
        }
    }

    /** The child JVM: says it is up, then waits to be killed. */
    public static final class SleepingMain {
        public static void main(String[] args) throws Exception {
            System.out.write('u');
            System.out.flush();
            System.in.read();
        }
    }
}
