package io.ninep.client.rpc;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One request of ninep's client, from the moment its frame is written to the moment its reply
 * or Rflush has been taken in (the event's duration). Tflushes are events of their own.
 * Recorded only while a Flight Recorder recording enables {@value #NAME}; otherwise the engine
 * neither allocates nor fills one. An event object is reused with the request object it belongs
 * to (requests are recycled), so a recording allocates little more.
 */
@Name(ClientRequestEvent.NAME)
@Label("9P Client Request")
@Category({"ninep", "client"})
@Description("A 9P request of ninep's client, from writing it to taking in its reply or Rflush")
@StackTrace(false)
final class ClientRequestEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.client.Request";

    /** The reply came, and it was not an error. */
    static final String REPLIED = "replied";
    /** An error reply came (Rerror or Rlerror). */
    static final String ERROR = "error";
    /** Cancelled: the Rflush came, and no reply before it. */
    static final String FLUSHED = "flushed";
    /** Cancelled, but the reply came before the Rflush, so it is the result (flush(5)). */
    static final String REPLY_WON = "reply won the flush race";
    /** The connection ended first. */
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
    @Description("The size of the reply's frame (0 when none came)")
    @DataAmount
    int replyBytes;

    @Label("Outcome")
    @Description("replied, error, flushed, reply won the flush race, or failed")
    String outcome;

    @Label("Errno")
    @Description("The error number of an error reply (EMSGSIZE: a reply too large for the client's buffer), 0 otherwise")
    int errno;

    @Label("Peer")
    @Description("The server, as a dial string")
    String peer;
}
