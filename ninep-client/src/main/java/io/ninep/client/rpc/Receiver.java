package io.ninep.client.rpc;

import io.ninep.client.ReplyTooLargeException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.WireString;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rlerror;
import io.ninep.transport.FrameHeader;
import io.ninep.transport.FrameReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The reader of one connection, run by its own platform thread: reads a header, finds the request
 * by tag, reads the body where that request wants it, decodes, and hands the result to the
 * {@link Exchanges}. Reading is tag-aware: a Rread's or Rreaddir's payload goes straight from
 * the transport into the caller's buffer ({@link FrameReader#readBody}), every other reply into
 * the request's own right-sized reply buffer.
 *
 * <p>What ends the connection: the end of the stream, an I/O error, a malformed frame, a reply
 * with a tag no request holds, a reply of the wrong type, a payload larger than asked for. What
 * does not: a reply too big for the buffer the client set aside for it, when the protocol allows
 * it (a 9P2000 Rerror longer than ERRMAX, a 64 KiB symlink target). Such a frame is read as far
 * as the buffer goes and the rest skipped, so the stream stays in step: an error keeps its errno
 * and the start of its text; any other reply fails its request with {@link ReplyTooLargeException}.
 */
final class Receiver implements Runnable {
    private final Exchanges exchanges;
    private final FrameReader reader;
    private final FrameDecoder decoder;
    private final Dialect dialect;
    private final int msize;
    private final Strictness strictness;
    private final Consumer<Quirk> quirks;
    private final FrameHeader header = new FrameHeader();

    Receiver(Exchanges exchanges, FrameReader reader, Dialect dialect, int msize, Strictness strictness,
             Consumer<Quirk> quirks) {
        this.exchanges = exchanges;
        this.reader = reader;
        this.dialect = dialect;
        this.msize = msize;
        this.strictness = strictness;
        this.quirks = quirks;
        this.decoder = new FrameDecoder(dialect, msize, strictness, quirks);
    }

    @Override
    public void run() {
        Throwable cause;
        try {
            while (reader.readHeader(header)) {
                receive();
                exchanges.frameHandled();
            }
            cause = new EOFException("the server closed the connection");
        } catch (Throwable t) {
            cause = t;
        }
        exchanges.failAll(cause);
    }

    private void receive() throws IOException {
        Request r = exchanges.beginReceive(header.tag(), header.type(), header.size());
        boolean done = false;
        try {
            if (r.isFlush) {
                receiveRflush(r);
            } else {
                receiveReply(r);
            }
            done = true;
        } finally {
            if (!done) {
                exchanges.abortReceive(r);
            }
        }
    }

    private void receiveRflush(Request flush) throws IOException {
        if (header.type() != MessageType.RFLUSH.code()) {
            throw new ProtocolException(MessageType.describe(header.type()), "type",
                    "answers Tflush tag " + header.tag() + "; flush(5): a Tflush can never be responded to by an"
                            + " error, and only Rflush answers it");
        }
        int extra = header.bodySize();
        if (extra > 0) {
            tolerate("Rflush", "size", extra + " bytes after the end of the message, ignored");
            reader.skip(extra);
        }
        exchanges.flushAnswered(flush);
    }

    private void receiveReply(Request r) throws IOException {
        MessageType asked = r.message.type();
        int type = header.type();
        boolean error = type == MessageType.RLERROR.code() || type == MessageType.RERROR.code();
        if (!error && type != asked.reply().code()) {
            throw new ProtocolException(MessageType.describe(type), "type",
                    "answers " + asked + " tag " + header.tag() + "; expected " + asked.reply());
        }
        if (!error && r.destination != null) {
            receivePayload(r);
            return;
        }
        ByteBuffer b = r.replyBuffer.buffer();
        b.clear();
        if (header.size() > b.capacity()) {
            receiveOversized(r, b, error);
            return;
        }
        putHeader(b);
        reader.readBody(b, header.bodySize());
        b.flip();
        exchanges.replied(r, (RMessage) decoder.decodeMessage(b), 0, null);
    }

    /** Rread/Rreaddir: count[4] then the payload, straight into the caller's buffer. */
    private void receivePayload(Request r) throws IOException {
        String name = MessageType.describe(header.type());
        int body = header.bodySize();
        if (body < 4) {
            throw new ProtocolException(name, "count", "needs 4 bytes, only " + body + " in the frame");
        }
        long count = Integer.toUnsignedLong(reader.readInt());
        if (count > body - 4) {
            throw new ProtocolException(name, "count", "says " + count + " bytes, only " + (body - 4) + " follow");
        }
        if (count > Integer.toUnsignedLong(r.asked) || count > r.destination.remaining()) {
            throw new ProtocolException(name, "count", count + " bytes answer a request for "
                    + Integer.toUnsignedString(r.asked));
        }
        int n = (int) count;
        if (exchanges.discardPayload(r)) {
            reader.skip(n);   // its future was cancelled: the caller's buffer is the caller's again
        } else {
            reader.readBody(r.destination, n);
        }
        int extra = body - 4 - n;
        if (extra > 0) {
            tolerate(name, "size", extra + " bytes after the data, ignored");
            reader.skip(extra);
        }
        exchanges.replied(r, null, n, null);
    }

    /**
     * A reply larger than the request's buffer. Reads what fits, skips the rest, so the stream
     * stays in step; keeps an error's errno and the start of its text.
     */
    private void receiveOversized(Request r, ByteBuffer b, boolean error) throws IOException {
        int size = header.size();
        String name = MessageType.describe(header.type());
        if (!error) {
            long allowed = r.message.maxReplySize(dialect, msize);
            if (size > allowed) {
                throw new ProtocolException(name, "size", size + " bytes answer " + r.message.type()
                        + ", whose reply cannot exceed " + allowed);
            }
            reader.skip(header.bodySize());
            exchanges.replied(r, null, 0, new ReplyTooLargeException(r.message.type(), size, b.capacity()));
            return;
        }
        putHeader(b);
        int keep = b.capacity() - P9.HEADER_SIZE;
        reader.readBody(b, keep);
        reader.skip(header.bodySize() - keep);
        b.flip().position(P9.HEADER_SIZE);
        RMessage reply;
        if (header.type() == MessageType.RLERROR.code()) {
            tolerate(name, "size", (size - Rlerror.SIZE) + " bytes after ecode, ignored");
            reply = new Rlerror(b.getInt());
        } else {
            int len = b.remaining() >= 2 ? b.getShort() & 0xFFFF : 0;
            int have = Math.min(len, b.remaining());
            String text = WireString.decode(b, have);
            // The errno of 9P2000.u comes after the string, in the part skipped.
            quirks.accept(new Quirk(name, "ename", "error string of " + len + " bytes is longer than the "
                    + b.capacity() + "-byte reply buffer; kept its first " + have + " bytes"));
            reply = new Rerror(text + "...", 0);
        }
        exchanges.replied(r, reply, 0, null);
    }

    private void putHeader(ByteBuffer b) {
        b.putInt(header.size()).put((byte) header.type()).putShort((short) header.tag());
    }

    private void tolerate(String message, String field, String description) throws ProtocolException {
        if (strictness == Strictness.STRICT) {
            throw new ProtocolException(message, field, description);
        }
        quirks.accept(new Quirk(message, field, description));
    }

    @Override
    public String toString() {
        return "receiver of " + exchanges.peer();
    }
}
