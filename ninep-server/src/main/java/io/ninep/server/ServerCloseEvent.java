package io.ninep.server;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A server connection closed: why, how long it lived, and its totals (see {@code MetricsSnapshot}). */
@Name(ServerCloseEvent.NAME)
@Label("9P Server Close")
@Category({"ninep", "server"})
@Description("A connection of a ninep server closed: the reason and its totals")
@StackTrace(false)
final class ServerCloseEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.server.Close";

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
    @Description("Requests that ended without a reply: reset by Tversion, or running at the close")
    long failed;

    @Label("Bytes In")
    @DataAmount
    long bytesIn;

    @Label("Bytes Out")
    @DataAmount
    long bytesOut;
}
