package io.ninep.protocol.testing;

import static io.ninep.protocol.testing.WireArbitraries.*;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.*;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A jqwik arbitrary for every 9P message, and ways to ask for "any message valid in dialect D".
 *
 * <p>{@link #ofType} makes raw values: every field set, including the 9P2000.u fields that plain
 * 9P2000 cannot carry. {@link #messages}, {@link #requests}, {@link #replies} and
 * {@link #frames} give values as they look in one dialect ({@link DialectNormalizer}), so they
 * come back unchanged from a trip over the wire in that dialect.
 */
public final class MessageArbitraries {
    private MessageArbitraries() {}

    /** A message type in one dialect that has it. */
    public record TypeInDialect(MessageType type, Dialect dialect) {
        @Override
        public String toString() {
            return type + " in " + dialect;
        }
    }

    /** A raw message value with the dialect it is sent in. */
    public record InDialect(Dialect dialect, Message message) {}

    /** Every (type, dialect) pair the protocol allows: 111 of them. */
    public static List<TypeInDialect> allowedPairs() {
        List<TypeInDialect> pairs = new ArrayList<>();
        for (MessageType t : MessageType.values()) {
            for (Dialect d : Dialect.values()) {
                if (t.allowedIn(d)) {
                    pairs.add(new TypeInDialect(t, d));
                }
            }
        }
        return pairs;
    }

    /** Any message valid in {@code dialect}, each type equally likely, as it looks in that dialect. */
    public static Arbitrary<Message> messages(Dialect dialect) {
        return oneOfTypes(dialect, t -> true).map(m -> DialectNormalizer.normalize(m, dialect));
    }

    public static Arbitrary<TMessage> requests(Dialect dialect) {
        return oneOfTypes(dialect, MessageType::isRequest)
                .map(m -> (TMessage) DialectNormalizer.normalize(m, dialect));
    }

    public static Arbitrary<RMessage> replies(Dialect dialect) {
        return oneOfTypes(dialect, t -> !t.isRequest())
                .map(m -> (RMessage) DialectNormalizer.normalize(m, dialect));
    }

    /** Frames of {@code dialect}: any tag, except that Tversion/Rversion use NOTAG (version(5)). */
    public static Arbitrary<Frame> frames(Dialect dialect) {
        return Combinators.combine(messages(dialect), u16()).as((m, tag) -> new Frame(
                m instanceof Tversion || m instanceof Rversion ? P9.NOTAG : tag, m));
    }

    /** A pair (dialect, raw message of a type that dialect allows), each pair equally likely. */
    public static Arbitrary<InDialect> rawMessagesInAnyDialect() {
        return Arbitraries.of(allowedPairs())
                .flatMap(p -> ofType(p.type()).map(m -> new InDialect(p.dialect(), m)));
    }

    private static Arbitrary<Message> oneOfTypes(Dialect dialect, java.util.function.Predicate<MessageType> which) {
        List<Arbitrary<? extends Message>> choices = Arrays.stream(MessageType.values())
                .filter(t -> t.allowedIn(dialect) && which.test(t))
                .<Arbitrary<? extends Message>>map(MessageArbitraries::ofType)
                .toList();
        return Arbitraries.oneOf(choices);
    }

    /** Twalk names: usually within walk(5)'s limit of 16, sometimes beyond it (the codec allows that). */
    public static Arbitrary<List<String>> walkNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, wireStrings().list().ofMaxSize(P9.MAX_WALK_ELEMENTS)),
                Tuple.of(1, wireStrings().list().ofMinSize(P9.MAX_WALK_ELEMENTS + 1).ofMaxSize(40)));
    }

    /** Payloads for Twrite/Rread: mostly small, sometimes a few KiB. */
    private static Arbitrary<java.nio.ByteBuffer> ioData() {
        return Arbitraries.frequencyOf(Tuple.of(9, payloads(64)), Tuple.of(1, payloads(5000)));
    }

    /** Raw values of one message type, every field arbitrary. */
    public static Arbitrary<Message> ofType(MessageType type) {
        Arbitrary<String> s = wireStrings();
        Arbitrary<? extends Message> a = switch (type) {
            case TVERSION -> Combinators.combine(u32(), s).as(Tversion::new);
            case RVERSION -> Combinators.combine(u32(), s).as(Rversion::new);
            case TAUTH -> Combinators.combine(u32(), s, s, u32()).as(Tauth::new);
            case RAUTH -> qids().map(Rauth::new);
            case TATTACH -> Combinators.combine(u32(), u32(), s, s, u32()).as(Tattach::new);
            case RATTACH -> qids().map(Rattach::new);
            case RERROR -> Combinators.combine(s, u32()).as(Rerror::new);
            case TFLUSH -> u16().map(Tflush::new);
            case RFLUSH -> Arbitraries.just(Rflush.INSTANCE);
            case TWALK -> Combinators.combine(u32(), u32(), walkNames()).as((f, nf, names) -> new Twalk(f, nf, names));
            case RWALK -> qids().list().ofMaxSize(P9.MAX_WALK_ELEMENTS).map(qids -> new Rwalk(qids));
            case TOPEN -> Combinators.combine(u32(), u8()).as(Topen::new);
            case ROPEN -> Combinators.combine(qids(), u32()).as(Ropen::new);
            case TCREATE -> Combinators.combine(u32(), s, u32(), u8(), s).as(Tcreate::new);
            case RCREATE -> Combinators.combine(qids(), u32()).as(Rcreate::new);
            case TREAD -> Combinators.combine(u32(), u64(), u32()).as(Tread::new);
            case RREAD -> ioData().map(Rread::new);
            case TWRITE -> Combinators.combine(u32(), u64(), ioData()).as(Twrite::new);
            case RWRITE -> u32().map(Rwrite::new);
            case TCLUNK -> u32().map(Tclunk::new);
            case RCLUNK -> Arbitraries.just(new Rclunk());
            case TREMOVE -> u32().map(Tremove::new);
            case RREMOVE -> Arbitraries.just(new Rremove());
            case TSTAT -> u32().map(Tstat::new);
            case RSTAT -> stats().map(Rstat::new);
            case TWSTAT -> Combinators.combine(u32(), stats()).as(Twstat::new);
            case RWSTAT -> Arbitraries.just(new Rwstat());
            case RLERROR -> u32().map(Rlerror::new);
            case TSTATFS -> u32().map(Tstatfs::new);
            case RSTATFS -> statFs().map(Rstatfs::new);
            case TLOPEN -> Combinators.combine(u32(), u32()).as(Tlopen::new);
            case RLOPEN -> Combinators.combine(qids(), u32()).as(Rlopen::new);
            case TLCREATE -> Combinators.combine(u32(), s, u32(), u32(), u32()).as(Tlcreate::new);
            case RLCREATE -> Combinators.combine(qids(), u32()).as(Rlcreate::new);
            case TSYMLINK -> Combinators.combine(u32(), s, s, u32()).as(Tsymlink::new);
            case RSYMLINK -> qids().map(Rsymlink::new);
            case TMKNOD -> Combinators.combine(u32(), s, u32(), u32(), u32(), u32()).as(Tmknod::new);
            case RMKNOD -> qids().map(Rmknod::new);
            case TRENAME -> Combinators.combine(u32(), u32(), s).as(Trename::new);
            case RRENAME -> Arbitraries.just(new Rrename());
            case TREADLINK -> u32().map(Treadlink::new);
            case RREADLINK -> s.map(Rreadlink::new);
            case TGETATTR -> Combinators.combine(u32(), u64()).as(Tgetattr::new);
            case RGETATTR -> attrs().map(Rgetattr::new);
            case TSETATTR -> Combinators.combine(u32(), setAttrs()).as(Tsetattr::new);
            case RSETATTR -> Arbitraries.just(new Rsetattr());
            case TXATTRWALK -> Combinators.combine(u32(), u32(), s).as(Txattrwalk::new);
            case RXATTRWALK -> u64().map(Rxattrwalk::new);
            case TXATTRCREATE -> Combinators.combine(u32(), s, u64(), u32()).as(Txattrcreate::new);
            case RXATTRCREATE -> Arbitraries.just(new Rxattrcreate());
            case TREADDIR -> Combinators.combine(u32(), u64(), u32()).as(Treaddir::new);
            case RREADDIR -> Arbitraries.frequencyOf(Tuple.of(2, packedDirEntries()), Tuple.of(1, payloads(64)))
                    .map(Rreaddir::new);
            case TFSYNC -> Combinators.combine(u32(), u32()).as(Tfsync::new);
            case RFSYNC -> Arbitraries.just(new Rfsync());
            case TLOCK -> Combinators.combine(u32(), u8(), u32(), u64(), u64(), u32(), s).as(Tlock::new);
            case RLOCK -> u8().map(Rlock::new);
            case TGETLOCK -> Combinators.combine(u32(), u8(), u64(), u64(), u32(), s).as(Tgetlock::new);
            case RGETLOCK -> Combinators.combine(u8(), u64(), u64(), u32(), s).as(Rgetlock::new);
            case TLINK -> Combinators.combine(u32(), u32(), s).as(Tlink::new);
            case RLINK -> Arbitraries.just(new Rlink());
            case TMKDIR -> Combinators.combine(u32(), s, u32(), u32()).as(Tmkdir::new);
            case RMKDIR -> qids().map(Rmkdir::new);
            case TRENAMEAT -> Combinators.combine(u32(), s, u32(), s).as(Trenameat::new);
            case RRENAMEAT -> Arbitraries.just(new Rrenameat());
            case TUNLINKAT -> Combinators.combine(u32(), s, u32()).as(Tunlinkat::new);
            case RUNLINKAT -> Arbitraries.just(new Runlinkat());
        };
        return a.map(m -> (Message) m);
    }
}
