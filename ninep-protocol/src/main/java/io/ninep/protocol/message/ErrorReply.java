package io.ninep.protocol.message;

/** Rerror and Rlerror: the two ways a server says a request failed. */
public sealed interface ErrorReply permits Rerror, Rlerror {

    /** The Linux errno, or 0 when the reply carries none (plain 9P2000). */
    int errno();

    /** The error text: the 9P2000 ename, or empty for Rlerror. */
    String text();
}
