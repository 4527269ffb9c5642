package io.ninep.server;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One request a server connection received, from its frame's header to the moment its reply
 * (or Rflush) was written, or dropped (the event's duration). Tversion and Tflush are events
 * too. Made only while a Flight Recorder recording enables {@value #NAME}; otherwise the reader
 * checks a flag per frame and allocates nothing.
 */
@Name(ServerRequestEvent.NAME)
@Label("9P Server Request")
@Category({"ninep", "server"})
@Description("A 9P request a ninep server received, from its arrival to its reply being written")
@StackTrace(false)
final class ServerRequestEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.server.Request";

    /** Answered, not with an error. */
    static final String REPLIED = "replied";
    /** Answered with an error (Rerror, Rlerror), a refusal included. */
    static final String ERROR = "error";
    /** A Tflush interrupted it and it gave up: no reply, only the Rflush. */
    static final String FLUSHED = "flushed";
    /** A Tflush came, but the handler completed: its reply was written, then the Rflush (flush(5)). */
    static final String REPLY_WON = "reply won the flush race";
    /** Ended without a reply: a Tversion reset the session, or the connection closed. */
    static final String FAILED = "failed";

    @Label("Type")
    @Description("The T-message: Twalk, Tread, Tflush, ...")
    String type;

    @Label("Tag")
    int tag;

    @Label("Request Bytes")
    @Description("The size of the request's frame")
    @DataAmount
    int requestBytes;

    @Label("Reply Bytes")
    @Description("The size of the reply's frame (0 when none was written)")
    @DataAmount
    int replyBytes;

    @Label("Outcome")
    @Description("replied, error, flushed, reply won the flush race, or failed")
    String outcome;

    @Label("Errno")
    @Description("The error number of an error reply, 0 otherwise")
    int errno;

    @Label("Peer")
    @Description("The connection: its number on this server and the client's address")
    String peer;
}
