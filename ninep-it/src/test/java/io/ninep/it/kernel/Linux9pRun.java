package io.ninep.it.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the shared linux9p harness ({@code ../shared/linux9p/run.sh PORT MSIZE WORKLOAD}):
 * boots the Debian kernel in QEMU, mounts the server with the kernel's own 9p client and runs
 * the workloads. Its output is kept in a log and parsed into the results of its checks.
 */
final class Linux9pRun {
    private static final Pattern RESULT = Pattern.compile("^RESULT (PASS|FAIL|SKIP) (\\S+) ?(.*)$");
    private static final Pattern DONE = Pattern.compile("^DONE pass=(\\d+) fail=(\\d+) skip=(\\d+)");

    /** A check's outcome. */
    record Check(String status, String name, String detail) {
        @Override
        public String toString() {
            return status + " " + name + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    final int exitCode;
    final Map<String, Check> checks;
    final List<String> lines;
    final String done;
    final List<String> workloadsEnded;

    private Linux9pRun(int exitCode, Map<String, Check> checks, List<String> lines, String done, List<String> ended) {
        this.exitCode = exitCode;
        this.checks = checks;
        this.lines = lines;
        this.done = done;
        this.workloadsEnded = ended;
    }

    /**
     * Runs {@code run.sh} and waits for it.
     *
     * @param env NINEP_* options (NINEP_OPTS, NINEP_MSIZES, ...)
     */
    static Linux9pRun run(Path runSh, int port, int msize, String workload, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(runSh.toString(), Integer.toString(port), Integer.toString(msize), workload)
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        Map<String, Check> checks = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        String done = null;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                out.write(line);
                out.newLine();
                out.flush();
                System.out.println("linux9p: " + line);
                Matcher m = RESULT.matcher(line);
                if (m.matches()) {
                    checks.put(m.group(2), new Check(m.group(1), m.group(2), m.group(3)));
                } else if (DONE.matcher(line).find()) {
                    done = line;
                } else if (line.startsWith("WORKLOAD ") && line.contains(" end ")) {
                    ended.add(line.split(" ")[1]);
                }
            }
        }
        return new Linux9pRun(p.waitFor(), checks, lines, done, ended);
    }

    List<Check> with(String status) {
        return checks.values().stream().filter(c -> c.status().equals(status)).toList();
    }

    /** The timing line run.sh ends with. */
    String hostLine() {
        return lines.stream().filter(l -> l.startsWith("HOST kernel=")).findFirst().orElse("(no HOST line)");
    }
}
