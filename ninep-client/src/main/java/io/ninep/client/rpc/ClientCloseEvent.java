package io.ninep.client.rpc;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A client connection ended: why, how long it lived, and its totals (see {@code MetricsSnapshot}). */
@Name(ClientCloseEvent.NAME)
@Label("9P Client Close")
@Category({"ninep", "client"})
@Description("A client connection ended: the reason and its totals")
@StackTrace(false)
final class ClientCloseEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.client.Close";

    @Label("Peer")
    String peer;

    @Label("Reason")
    String reason;

    @Label("Lifetime")
    @Timespan(Timespan.NANOSECONDS)
    long lifetime;

    @Label("Requests")
    long requests;

    @Label("Flushes")
    long flushes;

    @Label("Errors")
    long errors;

    @Label("Failed")
    @Description("Requests on the wire when the connection ended")
    long failed;

    @Label("Bytes In")
    @DataAmount
    long bytesIn;

    @Label("Bytes Out")
    @DataAmount
    long bytesOut;
}
