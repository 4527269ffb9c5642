package io.ninep.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPUs a process may run on: read from /proc, set with util-linux's {@code taskset} on every
 * thread. The JDK has no call for affinity, and taskset is on every Debian machine.
 */
final class CpuAffinity {
    static final Path TASKSET = Path.of("/usr/bin/taskset");

    private CpuAffinity() {}

    /** The CPUs the process's main thread may run on, as /proc writes them: "0-1", "3". */
    static String of(long pid) throws IOException {
        return allowedList(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** The distinct CPU lists of the process's threads (one list when they all agree). */
    static Set<String> ofEveryThread(long pid) throws IOException {
        Set<String> lists = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    lists.add(allowedList(task.resolve("status")));
                } catch (NoSuchFileException exited) {
                    // a thread that ended while we looked
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("process " + pid + " is not running", e);
        }
        return lists;
    }

    /**
     * Holds every thread of {@code pid} to {@code cpus} (threads it starts later inherit it), and
     * reads it back: a thread started while taskset went through the list may have escaped it, so
     * it goes through again, three times at most.
     */
    static void set(long pid, String cpus) throws IOException, InterruptedException {
        if (!Files.isExecutable(TASKSET)) {
            throw new IOException("no taskset at " + TASKSET + " (apt-get install util-linux), or leave out --pin");
        }
        String want = canonical(cpus);   // as /proc writes it
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            // taskset -a says nothing of a process that is not there
            throw new IOException("cannot pin process " + pid + " to CPU " + cpus + ": it is not running");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Process p = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("taskset could not hold process " + pid + " to CPU " + cpus + ": " + output);
            }
            if (ofEveryThread(pid).equals(Set.of(want))) {
                return;
            }
        }
        throw new IOException("process " + pid + " has threads outside CPU " + cpus + " after taskset: "
                + ofEveryThread(pid));
    }

    /** {@code command} started on {@code cpu} alone: {@code taskset -c CPU command...}. */
    static List<String> launchedOn(int cpu, List<String> command) {
        List<String> all = new ArrayList<>(List.of(TASKSET.toString(), "-c", Integer.toString(cpu)));
        all.addAll(command);
        return all;
    }

    /** The CPUs of a list in /proc's form: "0-2,5" is 0, 1, 2, 5. */
    static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    /** A list as /proc writes it: runs of two or more as "a-b". */
    static String canonical(String list) {
        List<Integer> cpus = new ArrayList<>(new TreeSet<>(parse(list)));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            b.append(b.isEmpty() ? "" : ",").append(cpus.get(i));
            if (j > i) {
                b.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }

    private static String allowedList(Path status) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        throw new IOException(status + " has no Cpus_allowed_list (not Linux?)");
    }
}
