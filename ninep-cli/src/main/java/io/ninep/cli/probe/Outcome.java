package io.ninep.cli.probe;

/** A check's verdict and a one-line summary of the evidence behind it. */
public record Outcome(Verdict verdict, String summary) {

    public static Outcome pass(String summary) {
        return new Outcome(Verdict.PASS, summary);
    }

    public static Outcome fail(String summary) {
        return new Outcome(Verdict.FAIL, summary);
    }

    public static Outcome note(String summary) {
        return new Outcome(Verdict.NOTE, summary);
    }

    public static Outcome skip(String summary) {
        return new Outcome(Verdict.SKIP, summary);
    }
}
