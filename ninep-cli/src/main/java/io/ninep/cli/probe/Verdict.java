package io.ninep.cli.probe;

/** What a check concluded. */
public enum Verdict {
    /** The server did what the manual asks. */
    PASS,
    /** The server broke a rule, crashed, or hung; the summary says which rule. */
    FAIL,
    /** Legal, but worth knowing (a defensible choice the manual leaves open, or a result that could not be verified). */
    NOTE,
    /** Not run: opt-in and not chosen, or the server was gone by then. */
    SKIP
}
