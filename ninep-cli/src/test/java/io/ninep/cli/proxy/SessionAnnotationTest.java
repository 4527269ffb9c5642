package io.ninep.cli.proxy;

import static io.ninep.cli.proxy.ProxyHarness.notes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.proxy.Note.Kind;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each annotation the proxy promises, proven by a scripted client and server talking through it:
 * negotiation, latency, the three outcomes of a flush race, a client reusing a tag too early, a
 * reply nobody asked for, duplicate tags.
 */
@Timeout(30)
class SessionAnnotationTest {
    private ProxyHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new ProxyHarness();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void negotiate() throws Exception {
        h.client(P9.NOTAG, new Tversion(8192, "9P2000.L"));
        h.server(P9.NOTAG, new Rversion(8192, "9P2000.L"));
    }

    @Test
    void msizeNegotiationIsSpelledOut() throws Exception {
        TraceEvent t = h.client(P9.NOTAG, new Tversion(8388608, "9P2000.L"));
        assertThat(t.text()).isEqualTo("Tversion tag NOTAG msize 8388608 version '9P2000.L'");
        assertThat(notes(t, Kind.VERSION)).containsExactly("client offers msize 8388608 9P2000.L");

        TraceEvent r = h.server(P9.NOTAG, new Rversion(1048576, "9P2000.L"));
        assertThat(notes(r, Kind.VERSION))
                .containsExactly("msize: client asked 8388608 9P2000.L; server answered 1048576 9P2000.L");
        assertThat(notes(r, Kind.VIOLATION)).isEmpty();
        assertThat(r.direction()).isEqualTo(Direction.S2C);
    }

    @Test
    void serverAnsweringAboveTheClientsMsizeIsAViolation() throws Exception {
        h.client(P9.NOTAG, new Tversion(8192, "9P2000.L"));
        TraceEvent r = h.server(P9.NOTAG, new Rversion(0xFFFF_FFFF, "9P2000.L"));
        assertThat(notes(r, Kind.VIOLATION)).singleElement().asString()
                .contains("msize 4294967295 exceeds the client's 8192", "version(5)");
    }

    @Test
    void serverAnsweringADifferentDialectIsAViolationAndUnknownIsNot() throws Exception {
        h.client(P9.NOTAG, new Tversion(8192, "9P2000.u"));
        TraceEvent r = h.server(P9.NOTAG, new Rversion(8192, "9P2000.L"));
        assertThat(notes(r, Kind.VIOLATION)).singleElement().asString().contains("'9P2000.L' answers '9P2000.u'");

        h.client(P9.NOTAG, new Tversion(8192, "9P3000"));
        TraceEvent unknown = h.server(P9.NOTAG, new Rversion(8192, "unknown"));
        assertThat(notes(unknown, Kind.VIOLATION)).isEmpty();
        assertThat(notes(unknown, Kind.VERSION)).contains("the server does not speak 9P3000; no session");
    }

    @Test
    void anErrorAnsweringTversionIsAViolation() throws Exception {
        h.client(P9.NOTAG, new Tversion(8192, "9P2000.u"));
        TraceEvent r = h.server(P9.NOTAG, new Rlerror(5));
        assertThat(notes(r, Kind.VIOLATION)).singleElement().asString()
                .startsWith("Tversion answered with an error (version(5)");
        // An msize below 4096 is a different matter: refusing it is what ninep's server does.
        h.client(P9.NOTAG, new Tversion(100, "9P2000.L"));
        TraceEvent small = h.server(P9.NOTAG, new Rlerror(22));
        assertThat(notes(small, Kind.VIOLATION)).isEmpty();
        assertThat(notes(small, Kind.VERSION)).containsExactly("the server refuses msize 100, below 4096");
    }

    @Test
    void replyCarriesItsLatency() throws Exception {
        negotiate();
        h.at(1_000).client(1, new Twalk(0, 1, "usr"));
        TraceEvent r = h.at(1_412).server(1, new Rwalk(new Qid(Qid.DIR, 0, 7)));
        assertThat(r.latencyNanos()).isEqualTo(412_000);
        assertThat(notes(r, Kind.LATENCY)).containsExactly("0.412 ms after Twalk");
        assertThat(r.flagged()).isFalse();
    }

    @Test
    void replyThatWonTheFlushRace() throws Exception {
        negotiate();
        h.at(0).client(1, new Tread(3, 0, 100));
        TraceEvent flush = h.at(2_000).client(2, new Tflush(1));
        assertThat(notes(flush, Kind.FLUSH)).containsExactly("flushes tag 1 (Tread, in flight for 2.000 ms)");

        TraceEvent reply = h.server(1, new Rread(ByteBuffer.wrap(new byte[] {1, 2})));
        assertThat(notes(reply, Kind.FLUSH)).singleElement().asString()
                .startsWith("the reply won the flush race: it came before the Rflush (tag 2)");
        TraceEvent rflush = h.server(2, new Rflush());
        assertThat(notes(rflush, Kind.FLUSH)).containsExactly("flush race on tag 1: the reply came first, then this Rflush");
        assertThat(rflush.flagged()).isFalse();
        assertThat(reply.flagged()).isFalse();
    }

    @Test
    void flushedRequestWithNoReply() throws Exception {
        negotiate();
        h.at(0).client(1, new Tread(3, 0, 100));
        h.at(5_000).client(2, new Tflush(1));
        TraceEvent rflush = h.at(6_000).server(2, new Rflush());
        assertThat(notes(rflush, Kind.FLUSH)).singleElement().asString()
                .startsWith("tag 1 (Tread) flushed after 6.000 ms: no reply came before this Rflush");
        assertThat(rflush.flagged()).isFalse();

        // After the Rflush the client may reuse the tag at once, and its reply is an ordinary one.
        TraceEvent reuse = h.client(1, new Tclunk(3));
        assertThat(reuse.flagged()).isFalse();
        assertThat(h.server(1, new Rclunk()).flagged()).isFalse();
    }

    @Test
    void rflushThatOvertookTheReplyIsAServerBug() throws Exception {
        negotiate();
        h.client(1, new Tread(3, 0, 100));
        h.client(2, new Tflush(1));
        h.server(2, new Rflush());
        TraceEvent late = h.server(1, new Rread(ByteBuffer.allocate(0)));
        assertThat(notes(late, Kind.VIOLATION)).singleElement().asString()
                .contains("reply to tag 1 after the Rflush that ended it", "flush(5)");
    }

    @Test
    void tagReusedBeforeItsRflushIsAClientBug() throws Exception {
        negotiate();
        h.client(1, new Tread(3, 0, 100));
        h.client(2, new Tflush(1));
        h.server(1, new Rread(ByteBuffer.allocate(0)));   // the reply won; the Rflush is still to come
        TraceEvent reuse = h.client(1, new Tclunk(3));
        assertThat(notes(reuse, Kind.VIOLATION)).singleElement().asString()
                .contains("client reused tag 1 before the Rflush for it arrived", "flush(5)");
    }

    @Test
    void errorAnsweringATflushIsAViolation() throws Exception {
        negotiate();
        h.client(2, new Tflush(1));
        TraceEvent r = h.server(2, new Rlerror(22));
        assertThat(notes(r, Kind.VIOLATION)).anySatisfy(n -> assertThat(n).contains("Tflush answered with an error"));
    }

    @Test
    void flushOfATagNotInFlightIsNoted() throws Exception {
        negotiate();
        TraceEvent t = h.client(2, new Tflush(77));
        assertThat(notes(t, Kind.FLUSH)).containsExactly("flushes tag 77, which is not in flight: expect an Rflush at once");
        TraceEvent r = h.server(2, new Rflush());
        assertThat(notes(r, Kind.FLUSH)).containsExactly("nothing was cancelled: tag 77 was not in flight");
        assertThat(r.flagged()).isFalse();
    }

    @Test
    void replyWithUnknownTagIsFlagged() throws Exception {
        negotiate();
        TraceEvent r = h.server(9, new Rclunk());
        assertThat(notes(r, Kind.VIOLATION)).containsExactly("reply to tag 9, which has no request in flight");
    }

    @Test
    void duplicateTagInFlightIsFlaggedAndBothRepliesMatch() throws Exception {
        negotiate();
        h.client(4, new Tclunk(1));
        TraceEvent dup = h.client(4, new Tclunk(2));
        assertThat(notes(dup, Kind.VIOLATION)).singleElement().asString()
                .contains("tag 4 is already in flight (Tclunk sent", "intro(5)");
        assertThat(h.server(4, new Rclunk()).flagged()).isFalse();
        assertThat(h.server(4, new Rclunk()).flagged()).isFalse();
        assertThat(notes(h.server(4, new Rclunk()), Kind.VIOLATION)).hasSize(1);   // a third reply has no request
    }

    @Test
    void repliesToTwoRequestsUnderOneTagMatchEitherInAnyOrder() throws Exception {
        negotiate();
        h.client(5, new Tread(3, 0, 100));
        h.client(5, new Tclunk(2));   // flagged as a duplicate; its reply is not the server's fault
        TraceEvent first = h.server(5, new Rclunk());
        assertThat(first.flagged()).isFalse();
        assertThat(notes(first, Kind.LATENCY)).singleElement().asString().endsWith(" after Tclunk");
        assertThat(notes(first, Kind.INFO)).containsExactly("answers one of the 2 requests in flight under tag 5");
        TraceEvent second = h.server(5, new Rread(ByteBuffer.allocate(0)));
        assertThat(second.flagged()).isFalse();
        assertThat(notes(second, Kind.LATENCY)).singleElement().asString().endsWith(" after Tread");
        assertThat(notes(second, Kind.INFO)).isEmpty();
    }

    @Test
    void anErrorUnderADuplicateTagIsTakenForTheNewestRequest() throws Exception {
        negotiate();
        h.client(5, new Tread(3, 0, 100));
        h.client(5, new Tclunk(2));
        assertThat(h.server(5, new Rlerror(16)).flagged()).isFalse();   // EBUSY for the duplicate
        TraceEvent r = h.server(5, new Rread(ByteBuffer.allocate(0)));
        assertThat(r.flagged()).isFalse();
        assertThat(notes(r, Kind.LATENCY)).singleElement().asString().endsWith(" after Tread");
    }

    @Test
    void mismatchedReplyTypeAndRequestsBeforeVersionAreFlagged() throws Exception {
        TraceEvent early = h.client(1, new Tclunk(1));
        assertThat(notes(early, Kind.VIOLATION)).singleElement().asString().contains("before Tversion");
        TraceEvent wrong = h.server(1, new Rflush());
        assertThat(notes(wrong, Kind.VIOLATION)).singleElement().asString().contains("Rflush does not answer Tclunk");
    }

    @Test
    void frameAboveTheNegotiatedMsizeIsFlagged() throws Exception {
        negotiate();
        h.client(1, new Tread(3, 0, 100));
        TraceEvent big = h.server(1, new Rread(ByteBuffer.allocate(9000)));
        assertThat(notes(big, Kind.VIOLATION)).singleElement().asString()
                .isEqualTo("frame of 9011 bytes exceeds the negotiated msize 8192 (version(5): both sides must honour it)");
    }

    @Test
    void connectionCloseReportsUnansweredRequests() throws Exception {
        negotiate();
        h.client(5, new Tread(3, 0, 100));
        h.clientSide.client().close();
        h.awaitClosed();
        TraceEvent last = h.events.getLast();
        assertThat(last.text()).isEqualTo("connection closed");
        assertThat(notes(last, Kind.INFO)).containsExactly("1 request(s) never answered: tag 5 (Tread)");
    }
}
