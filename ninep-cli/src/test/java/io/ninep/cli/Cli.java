package io.ninep.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the ninep command in this process, with standard input, output and error of its own. */
final class Cli {
    private Cli() {}

    /** What a run left: its exit status and what it wrote. */
    record Result(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** For assertion messages. */
        String describe() {
            return "exit " + code + "\n--- stdout\n" + out() + "--- stderr\n" + stderr;
        }
    }

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static synchronized Result runWithInput(byte[] stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
