package io.ninep.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time since boot as the first line of /proc/stat counts it (in clock ticks):
 * all of it, and the part a hypervisor ran other guests in ("steal"). On a virtual machine a
 * point whose CPUs were stolen from moves less for reasons that are not the code's; the report
 * says how much was taken, point by point.
 */
record CpuTimes(long total, long steal) {
    static final CpuTimes NONE = new CpuTimes(0, 0);

    static CpuTimes now() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** From the "cpu" line: user nice system idle iowait irq softirq steal ... */
    static CpuTimes parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            return NONE;
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        return new CpuTimes(total, Long.parseLong(f[8]));
    }

    /** The share of the CPUs' time between {@code earlier} and this that was stolen; 0 if none passed. */
    double stealSince(CpuTimes earlier) {
        long elapsed = total - earlier.total;
        return elapsed <= 0 ? 0 : (double) (steal - earlier.steal) / elapsed;
    }
}
