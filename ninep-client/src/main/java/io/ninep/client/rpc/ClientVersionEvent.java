package io.ninep.client.rpc;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The Tversion exchange that opens a client connection, and what it settled: the msize asked
 * for, what the transport allows, the server's answer and the msize in use (version(5)), and the
 * dialect. Its duration is the exchange. Also recorded when the negotiation fails.
 */
@Name(ClientVersionEvent.NAME)
@Label("9P Client Version")
@Category({"ninep", "client"})
@Description("The Tversion exchange of a new client connection: msize and dialect settled")
@StackTrace(false)
final class ClientVersionEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.client.Version";

    @Label("Peer")
    String peer;

    @Label("Transport")
    @Description("tcp, unix, pipe, stdio")
    String transport;

    @Label("Dialect Asked")
    String dialectAsked;

    @Label("Dialect")
    @Description("The dialect in use; empty if the negotiation failed")
    String dialect;

    @Label("Msize Asked")
    @Description("The msize the client was configured to ask for")
    @DataAmount
    long msizeAsked;

    @Label("Msize Allowed")
    @Description("The largest message the transport carries")
    @DataAmount
    long msizeAllowed;

    @Label("Msize Answered")
    @Description("The msize of the server's Rversion (0 if none came)")
    @DataAmount
    long msizeAnswered;

    @Label("Msize")
    @Description("The msize in use (0 if the negotiation failed)")
    @DataAmount
    long msize;

    @Label("Error")
    @Description("Why the negotiation failed; empty if it succeeded")
    String error;
}
