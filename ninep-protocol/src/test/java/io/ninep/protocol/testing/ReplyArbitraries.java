package io.ninep.protocol.testing;

import static io.ninep.protocol.testing.WireArbitraries.*;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.*;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The replies a request can legally draw: its own R-message with values consistent with the
 * request (an Rread no longer than the Tread count, an Rwalk with no more qids than names, an
 * Rversion msize no larger than offered), or the dialect's error reply. String fields reach their
 * largest legal size often, since these replies exist to test size bounds.
 *
 * <p>Error strings are bounded by {@link P9#ERRMAX}, as Linux bounds them; see
 * {@link TMessage#maxReplySize}.
 */
public final class ReplyArbitraries {
    private ReplyArbitraries() {}

    /** Enough to reach every bound that matters without megabyte payloads in every try. */
    private static final int PAYLOAD_CAP = 70_000;

    public static Arbitrary<RMessage> repliesTo(TMessage request, Dialect dialect) {
        Arbitrary<RMessage> success = successfulRepliesTo(request, dialect);
        return Arbitraries.frequencyOf(Tuple.of(3, success), Tuple.of(1, errorReplies(dialect)));
    }

    /** The dialect's error reply: Rerror (errno only in 9P2000.u) or Rlerror. */
    public static Arbitrary<RMessage> errorReplies(Dialect dialect) {
        Arbitrary<? extends RMessage> a = switch (dialect) {
            case P9P2000 -> wireStrings(P9.ERRMAX).map(e -> new Rerror(e, 0));
            case P9P2000_U -> Combinators.combine(wireStrings(P9.ERRMAX), u32()).as(Rerror::new);
            case P9P2000_L -> u32().map(Rlerror::new);
        };
        return a.map(r -> (RMessage) r);
    }

    public static Arbitrary<RMessage> successfulRepliesTo(TMessage request, Dialect dialect) {
        Arbitrary<String> big = wireStrings(MAX_STRING);
        Arbitrary<? extends RMessage> a = switch (request) {
            case Tversion t -> Combinators.combine(
                    Arbitraries.longs().between(0, Integer.toUnsignedLong(t.msize())).map(Long::intValue), big)
                    .as(Rversion::new);
            case Tauth t -> qids().map(Rauth::new);
            case Tattach t -> qids().map(Rattach::new);
            case Tflush t -> Arbitraries.just(Rflush.INSTANCE);
            case Twalk t -> qids().list().ofMaxSize(t.names().size()).map(q -> new Rwalk(q));
            case Topen t -> Combinators.combine(qids(), u32()).as(Ropen::new);
            case Tcreate t -> Combinators.combine(qids(), u32()).as(Rcreate::new);
            case Tread t -> payloadsForSize(cap(t.count())).map(Rread::new);
            case Twrite t -> u32().map(Rwrite::new);
            case Tclunk t -> Arbitraries.just(new Rclunk());
            case Tremove t -> Arbitraries.just(new Rremove());
            case Tstat t -> largeStats(dialect).map(Rstat::new);
            case Twstat t -> Arbitraries.just(new Rwstat());
            case Tstatfs t -> statFs().map(Rstatfs::new);
            case Tlopen t -> Combinators.combine(qids(), u32()).as(Rlopen::new);
            case Tlcreate t -> Combinators.combine(qids(), u32()).as(Rlcreate::new);
            case Tsymlink t -> qids().map(Rsymlink::new);
            case Tmknod t -> qids().map(Rmknod::new);
            case Trename t -> Arbitraries.just(new Rrename());
            case Treadlink t -> big.map(Rreadlink::new);
            case Tgetattr t -> attrs().map(Rgetattr::new);
            case Tsetattr t -> Arbitraries.just(new Rsetattr());
            case Txattrwalk t -> u64().map(Rxattrwalk::new);
            case Txattrcreate t -> Arbitraries.just(new Rxattrcreate());
            case Treaddir t -> payloadsForSize(cap(t.count())).map(Rreaddir::new);
            case Tfsync t -> Arbitraries.just(new Rfsync());
            case Tlock t -> u8().map(Rlock::new);
            case Tgetlock t -> Combinators.combine(u8(), u64(), u64(), u32(), big).as(Rgetlock::new);
            case Tlink t -> Arbitraries.just(new Rlink());
            case Tmkdir t -> qids().map(Rmkdir::new);
            case Trenameat t -> Arbitraries.just(new Rrenameat());
            case Tunlinkat t -> Arbitraries.just(new Runlinkat());
        };
        return a.map(r -> (RMessage) DialectNormalizer.normalize(r, dialect));
    }

    /** Stats up to the largest that fits nstat[2]: long names, user names and extension. */
    public static Arbitrary<Stat> largeStats(Dialect dialect) {
        return Arbitraries.frequencyOf(
                        Tuple.of(1, stats()),
                        Tuple.of(2, stats(longStrings(13_000))))
                .filter(s -> fitsNstat(s, dialect));
    }

    /**
     * The largest successful reply {@code request} can legally get on a connection of {@code msize}:
     * strings at 65535 bytes, Rread/Rreaddir data at the count asked for (but within msize), Rwalk
     * with a qid per name, the largest stat n[2] allows. Content is filler; only sizes matter.
     */
    public static RMessage largestSuccessfulReplyTo(TMessage request, Dialect dialect, int msize) {
        Qid q = new Qid(0, 0, 0);
        String longest = "x".repeat(MAX_STRING);
        long room = Math.max(0, Integer.toUnsignedLong(msize) - (P9.HEADER_SIZE + 4));
        RMessage r = switch (request) {
            case Tversion t -> new Rversion(t.msize(), longest);
            case Tauth t -> new Rauth(q);
            case Tattach t -> new Rattach(q);
            case Tflush t -> Rflush.INSTANCE;
            case Twalk t -> new Rwalk(java.util.Collections.nCopies(t.names().size(), q));
            case Topen t -> new Ropen(q, 0);
            case Tcreate t -> new Rcreate(q, 0);
            case Tread t -> new Rread(java.nio.ByteBuffer.allocate((int) Math.min(Integer.toUnsignedLong(t.count()), room)));
            case Twrite t -> new Rwrite(0);
            case Tclunk t -> new Rclunk();
            case Tremove t -> new Rremove();
            case Tstat t -> new Rstat(largestStat(dialect));
            case Twstat t -> new Rwstat();
            case Tstatfs t -> new Rstatfs(new StatFs(0, 0, 0, 0, 0, 0, 0, 0, 0));
            case Tlopen t -> new Rlopen(q, 0);
            case Tlcreate t -> new Rlcreate(q, 0);
            case Tsymlink t -> new Rsymlink(q);
            case Tmknod t -> new Rmknod(q);
            case Trename t -> new Rrename();
            case Treadlink t -> new Rreadlink(longest);
            case Tgetattr t -> new Rgetattr(new Attr(0, q, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            case Tsetattr t -> new Rsetattr();
            case Txattrwalk t -> new Rxattrwalk(0);
            case Txattrcreate t -> new Rxattrcreate();
            case Treaddir t -> new Rreaddir(java.nio.ByteBuffer.allocate((int) Math.min(Integer.toUnsignedLong(t.count()), room)));
            case Tfsync t -> new Rfsync();
            case Tlock t -> new Rlock(0);
            case Tgetlock t -> new Rgetlock(0, 0, 0, 0, longest);
            case Tlink t -> new Rlink();
            case Tmkdir t -> new Rmkdir(q);
            case Trenameat t -> new Rrenameat();
            case Tunlinkat t -> new Runlinkat();
        };
        return (RMessage) DialectNormalizer.normalize(r, dialect);
    }

    /** The largest error reply Linux expects: an ERRMAX-byte string, or Rlerror. */
    public static RMessage largestErrorReply(Dialect dialect) {
        return switch (dialect) {
            case P9P2000 -> new Rerror("e".repeat(P9.ERRMAX), 0);
            case P9P2000_U -> new Rerror("e".repeat(P9.ERRMAX), 2);
            case P9P2000_L -> new Rlerror(2);
        };
    }

    /** A stat of exactly 65535 bytes (the most n[2] can count), its name taking up the room. */
    public static Stat largestStat(Dialect dialect) {
        Stat empty = new Stat(0, 0, new Qid(0, 0, 0), 0, 0, 0, 0, "", "", "", "", "", 0, 0, 0);
        return empty.withName("x".repeat(0xFFFF - empty.encodedSize(dialect)));
    }

    private static int cap(int unsignedCount) {
        return (int) Math.min(Integer.toUnsignedLong(unsignedCount), PAYLOAD_CAP);
    }
}
