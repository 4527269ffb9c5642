package io.ninep.protocol;

/**
 * The peer sent bytes that are not a valid 9P message of the negotiated dialect, or a message
 * that the protocol's rules forbid at this point. The message names the message type and the
 * field where decoding stopped ("Twalk.wname[3]: string of 40 bytes, only 12 left in the
 * frame"), so the fault can be found in a capture.
 *
 * <p>On a stream the frame boundaries stay intact after most of these (the size field was
 * valid), so a tool may log and go on; a client or server should close the connection, since it
 * can no longer trust the peer.
 */
public class ProtocolException extends NinePException {
    private final String messageType;
    private final String field;

    public ProtocolException(String messageType, String field, String detail) {
        super(describe(messageType, field, detail));
        this.messageType = messageType;
        this.field = field;
    }

    public ProtocolException(String detail) {
        this(null, null, detail);
    }

    /** The name of the message being decoded ("Twalk"), or null if the type was not known yet. */
    public String messageType() {
        return messageType;
    }

    /** The field where decoding stopped ("wname[3]"), or null for whole-frame problems. */
    public String field() {
        return field;
    }

    private static String describe(String type, String field, String detail) {
        if (type == null && field == null) {
            return detail;
        }
        if (field == null) {
            return type + ": " + detail;
        }
        return (type == null ? "" : type + ".") + field + ": " + detail;
    }
}
