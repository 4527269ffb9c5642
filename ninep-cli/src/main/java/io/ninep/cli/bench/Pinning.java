package io.ninep.cli.bench;

import java.io.IOException;
import java.util.List;

/**
 * Where {@code ninep bench --pin} holds each side of every measurement: the servers (ninep's
 * server JVM with the raw socket servers in it, diod, iperf3's server) on one CPU, the bench's
 * JVM (every client, the raw senders) and iperf3's client on another. On two cores the
 * scheduler otherwise places the two ends differently from one start to the next, and the same
 * raw blast then runs at either of two rates.
 */
public record Pinning(int serverCpu, int clientCpu) {
    public Pinning {
        if (serverCpu < 0 || clientCpu < 0 || serverCpu == clientCpu) {
            throw new IllegalArgumentException("the servers and the client need two different CPUs, not "
                    + serverCpu + " and " + clientCpu);
        }
    }

    /** The first two CPUs this process may run on: servers on the first, the client on the second. */
    public static Pinning firstTwoAllowed() throws IOException {
        if (!java.nio.file.Files.isExecutable(CpuAffinity.TASKSET)) {
            throw new IllegalArgumentException("--pin needs taskset, and there is none at " + CpuAffinity.TASKSET
                    + " (apt-get install util-linux)");
        }
        String allowed = CpuAffinity.of(ProcessHandle.current().pid());
        List<Integer> cpus = CpuAffinity.parse(allowed);
        if (cpus.size() < 2) {
            throw new IllegalArgumentException("--pin needs two CPUs, and this process may run on CPU " + allowed
                    + " only");
        }
        return new Pinning(cpus.get(0), cpus.get(1));
    }

    /** For the report: "servers on CPU 0, client on CPU 1". */
    public String describe() {
        return "servers on CPU " + serverCpu + ", client on CPU " + clientCpu;
    }
}
