package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.*;
import io.ninep.protocol.testing.CapturedSession;
import io.ninep.protocol.testing.CapturedSession.CapturedFrame;
import io.ninep.protocol.testing.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames captured from a real diod (golden/diod-session.txt, recorded by DiodCapture). diod's
 * replies are the independent check here: our decoder must take every one strictly and our
 * encoder must reproduce it. Values that depend on the capture (qids, times) are read from the
 * file, never predicted.
 */
class DiodSessionTest {
    private static final CapturedSession SESSION = CapturedSession.load(CapturedSession.DIOD);
    private static final int MSIZE = 65536;

    /** A request and the reply diod gave it. */
    record Exchange(Frame request, Frame reply) {}

    static Stream<CapturedFrame> frames() {
        return SESSION.frames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void everyFrameDecodesStrictlyAndEncodesToTheSameBytes(CapturedFrame captured) throws ProtocolException {
        ByteBuffer buf = ByteBuffer.wrap(captured.bytes());
        Frame frame = new FrameDecoder(Dialect.P9P2000_L, MSIZE).decode(buf);
        assertThat(buf.hasRemaining()).isFalse();
        assertThat(frame.body().type().isRequest()).isEqualTo(captured.fromClient());
        assertThat(Hex.encode(FrameEncoder.encode(frame, Dialect.P9P2000_L))).isEqualTo(Hex.encode(captured.bytes()));
    }

    @Test
    void theCaptureHoldsARealSession() {
        assertThat(exchanges()).hasSizeGreaterThan(40);
        assertThat(exchanges()).extracting(e -> e.request().body().type()).contains(
                MessageType.TVERSION, MessageType.TATTACH, MessageType.TWALK, MessageType.TLCREATE,
                MessageType.TWRITE, MessageType.TREAD, MessageType.TGETATTR, MessageType.TREADDIR,
                MessageType.TMKDIR, MessageType.TSYMLINK, MessageType.TREADLINK, MessageType.TXATTRWALK,
                MessageType.TSTATFS, MessageType.TLOCK, MessageType.TGETLOCK, MessageType.TFSYNC,
                MessageType.TRENAMEAT, MessageType.TUNLINKAT, MessageType.TFLUSH, MessageType.TCLUNK);
    }

    @Test
    void everyReplyCarriesItsRequestsTagAndType() {
        for (Exchange e : exchanges()) {
            assertThat(e.reply().tag()).isEqualTo(e.request().tag());
            MessageType replyType = e.reply().body().type();
            if (replyType != MessageType.RLERROR) {
                assertThat(replyType).isEqualTo(e.request().body().type().reply());
            }
        }
    }

    @Test
    void rversionAcceptsTheDialectWithinTheOfferedMsize() {
        Exchange version = first(e -> e.request().body() instanceof Tversion);
        Tversion asked = (Tversion) version.request().body();
        Rversion answer = (Rversion) version.reply().body();
        assertThat(Integer.compareUnsigned(answer.msize(), asked.msize())).isLessThanOrEqualTo(0);
        assertThat(answer.version()).isEqualTo("9P2000.L");
    }

    @Test
    void theWrittenDataComesBackInRread() {
        Twrite write = (Twrite) first(e -> e.request().body() instanceof Twrite).request().body();
        Exchange read = first(e -> e.request().body() instanceof Tread t && t.offset() == write.offset()
                && e.reply().body() instanceof Rread);
        assertThat(((Rread) read.reply().body()).data()).isEqualTo(write.data());
        Exchange written = first(e -> e.request().body() instanceof Twrite);
        assertThat(((Rwrite) written.reply().body()).count()).isEqualTo(write.count());
    }

    @Test
    void getattrAfterTheWriteReportsItsLength() {
        Twrite write = (Twrite) first(e -> e.request().body() instanceof Twrite).request().body();
        Exchange fileAttr = first(e -> e.request().body() instanceof Tgetattr g && g.fid() != 0);
        Attr attr = ((Rgetattr) fileAttr.reply().body()).attr();
        assertThat(attr.size()).isEqualTo(write.count());
        assertThat(attr.has(Attr.BASIC)).isTrue();
    }

    @Test
    void diodAnswersUnlinkatAndRenameatWithRlerror() {
        for (MessageType missing : List.of(MessageType.TUNLINKAT, MessageType.TRENAMEAT)) {
            Exchange e = first(x -> x.request().body().type() == missing);
            assertThat(e.reply().body()).isEqualTo(new Rlerror(Errno.EOPNOTSUPP.number()));
        }
    }

    @Test
    void walkingToAMissingNameIsENOENT_andAPartialWalkReturnsTheQidsWalked() {
        Exchange missing = first(e -> e.request().body() instanceof Twalk w && w.names().equals(List.of("missing")));
        assertThat(missing.reply().body()).isEqualTo(new Rlerror(Errno.ENOENT.number()));

        Qid sub = ((Rmkdir) first(e -> e.request().body() instanceof Tmkdir).reply().body()).qid();
        Exchange partial = first(e -> e.request().body() instanceof Twalk w && w.names().equals(List.of("sub", "missing")));
        assertThat(partial.reply().body()).isEqualTo(new Rwalk(sub));
    }

    @Test
    void readdirListsWhatTheSessionCreated_nonUtf8NameIncluded() throws ProtocolException {
        Rreaddir listing = (Rreaddir) first(e -> e.request().body() instanceof Treaddir
                && e.reply().body() instanceof Rreaddir r && r.count() > 0).reply().body();
        List<String> names = DirEntry.decodeAll(listing.data(), new WireReader()).stream().map(DirEntry::name).toList();

        Tlcreate latin1 = (Tlcreate) first(e -> e.request().body() instanceof Tlcreate c && !c.name().equals("hello.txt"))
                .request().body();
        assertThat(WireString.toBytes(latin1.name())).containsExactly('c', 'a', 'f', 0xE9);
        assertThat(names).contains(".", "..", "renamed.txt", "hardlink", "link", "fifo", "sub", latin1.name());
        String fromServer = names.stream().filter(n -> n.startsWith("caf")).findFirst().orElseThrow();
        assertThat(WireString.toBytes(fromServer)).isEqualTo(WireString.toBytes(latin1.name()));
    }

    @Test
    void readlinkReturnsTheSymlinkTarget() {
        Tsymlink made = (Tsymlink) first(e -> e.request().body() instanceof Tsymlink).request().body();
        Exchange read = first(e -> e.request().body() instanceof Treadlink);
        assertThat(read.reply().body()).isEqualTo(new Rreadlink(made.target()));
    }

    @Test
    void theLockHolderSeesNoConflictingLock() {
        Tgetlock asked = (Tgetlock) first(e -> e.request().body() instanceof Tgetlock).request().body();
        Rgetlock answer = (Rgetlock) first(e -> e.request().body() instanceof Tgetlock).reply().body();
        assertThat(answer.lockType()).isEqualTo(Tlock.UNLCK);
        assertThat(answer.clientId()).isEqualTo(asked.clientId());
        assertThat(first(e -> e.request().body() instanceof Tlock).reply().body()).isEqualTo(new Rlock(Rlock.SUCCESS));
    }

    /** Pairs each request with the reply of the same tag; diod answered one request at a time. */
    static List<Exchange> exchanges() {
        List<CapturedFrame> frames = SESSION.frames();
        List<Exchange> out = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, MSIZE);
        for (int i = 0; i + 1 < frames.size(); i += 2) {
            assertThat(frames.get(i).fromClient()).as(frames.get(i).toString()).isTrue();
            assertThat(frames.get(i + 1).fromClient()).as(frames.get(i + 1).toString()).isFalse();
            try {
                out.add(new Exchange(decoder.decode(ByteBuffer.wrap(frames.get(i).bytes())),
                        decoder.decode(ByteBuffer.wrap(frames.get(i + 1).bytes()))));
            } catch (ProtocolException e) {
                throw new AssertionError(frames.get(i) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Exchange first(Predicate<Exchange> which) {
        return exchanges().stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no such exchange in " + SESSION.resource()));
    }
}
