package io.ninep.client;

/**
 * How a connection's msize came about: msize = min(requested, what the transport allows, what
 * the server answered) (version(5): the server's msize must not exceed the client's). When the
 * result is below what was requested the connection logs this at INFO, and it stays queryable
 * on the session, so nobody has to guess why large reads are split.
 *
 * @param requested the msize the user asked for
 * @param transport the transport's kind ("tcp", "unix", "pipe")
 * @param transportMax the largest message the transport carries (its maxMessageSize)
 * @param serverAnswer the msize of Rversion
 * @param msize the msize in use
 */
public record MsizeNegotiation(int requested, String transport, int transportMax, int serverAnswer, int msize) {

    /** True if the msize in use is smaller than the one asked for. */
    public boolean cut() {
        return msize < requested;
    }

    /** What was sent in Tversion. */
    public int offered() {
        return Math.min(requested, transportMax);
    }

    /** "requested 8388608; transport tcp allows 4194304; server answered 1048576; using 1048576". */
    @Override
    public String toString() {
        return "requested " + requested + "; transport " + transport + " allows " + transportMax
                + "; server answered " + Integer.toUnsignedString(serverAnswer) + "; using " + msize;
    }
}
