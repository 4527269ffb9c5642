package io.ninep.cli.probe;

import io.ninep.protocol.message.ErrorReply;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;

/** What a {@link WireConnection} got when the probe waited for the server. */
public sealed interface Incoming {

    /** A frame that decoded. */
    record Reply(Frame frame, int size) implements Incoming {
        public int tag() {
            return frame.tag();
        }

        public Message body() {
            return frame.body();
        }

        public boolean isError() {
            return frame.body() instanceof ErrorReply;
        }
    }

    /** A frame that did not decode (or could not be framed): the server sent garbage. */
    record Garbled(String why, String hex) implements Incoming {}

    /** The server closed the connection (or it broke). */
    record Closed(String why) implements Incoming {}

    /** Nothing came within the time allowed. */
    record Silence(long millis) implements Incoming {}
}
