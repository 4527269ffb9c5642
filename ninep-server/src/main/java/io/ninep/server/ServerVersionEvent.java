package io.ninep.server;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A Tversion a server connection answered, and what it settled (version(5)): the client's
 * msize, the server's ceiling (its own and the transport's), the msize answered, the dialect.
 */
@Name(ServerVersionEvent.NAME)
@Label("9P Server Version")
@Category({"ninep", "server"})
@Description("A Tversion a ninep server answered: msize and dialect settled")
@StackTrace(false)
final class ServerVersionEvent extends jdk.jfr.Event {
    static final String NAME = "io.ninep.server.Version";

    @Label("Peer")
    String peer;

    @Label("Version Asked")
    @Description("The client's version string")
    String versionAsked;

    @Label("Version")
    @Description("The version answered: a dialect, or unknown")
    String version;

    @Label("Msize Asked")
    @Description("The client's msize")
    @DataAmount
    long msizeAsked;

    @Label("Msize Allowed")
    @Description("The server's ceiling: the smaller of --msize and the transport's limit")
    @DataAmount
    long msizeAllowed;

    @Label("Msize")
    @Description("The msize answered and used")
    @DataAmount
    long msize;

    @Label("Error")
    @Description("Why the Tversion was refused; empty if it was not")
    String error;
}
