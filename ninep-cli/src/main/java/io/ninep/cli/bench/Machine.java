package io.ninep.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The machine a run measured, as a reader of the figures needs it: CPU model and count, memory,
 * kernel, JDK, date, and the load average before and after (other work on the machine makes
 * figures noisy; the report says how busy it was).
 */
public record Machine(String cpu, int cpus, long memoryBytes, String kernel, String jdk, String started,
                      String loadBefore) {

    public static Machine describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        long mem = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replace("kB", "").trim()) * 1024).orElse(0L);
        String vendor = System.getProperty("java.vendor.version");   // "Temurin-25.0.3+9"
        String jdk = vendor != null ? vendor : System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), mem,
                System.getProperty("os.name") + " " + System.getProperty("os.version"), jdk.trim(), when, loadAverage());
    }

    /** The first three fields of /proc/loadavg ("0.52 0.80 1.10"), or "?" where there is none. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** One line for chart subtitles: "2 x AMD EPYC, 23 GiB, Linux 6.18.44, Temurin-25.0.3+9, 2026-11-21 15:20 UTC". */
    public String line() {
        return cpus + " x " + cpu + ", " + gib() + " GiB, " + kernel + ", " + jdk
                + ", " + started;
    }

    /** The machine as lines of text, with the load after the run. */
    public List<String> lines(String loadAfter) {
        return List.of("cpu: " + cpus + " x " + cpu, "memory: " + gib() + " GiB",
                "kernel: " + kernel, "jdk: " + jdk, "started: " + started,
                "load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAfter);
    }

    private String gib() {
        return String.format(java.util.Locale.ROOT, "%.1f", memoryBytes / (double) Sizes.GIB);
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: say less
        }
        return java.util.Optional.empty();
    }
}
