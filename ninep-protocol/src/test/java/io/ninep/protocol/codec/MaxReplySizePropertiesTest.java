package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.testing.MessageArbitraries;
import io.ninep.protocol.testing.ReplyArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.Tuple;
import io.ninep.protocol.testing.DialectNormalizer;
import io.ninep.protocol.testing.MessageArbitraries.TypeInDialect;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * maxReplySize is what a client sizes its reply buffer by, so it must never be smaller than a
 * reply the request can legally get, and never larger than msize. Replies are made to fit the
 * request (ReplyArbitraries); a reply larger than msize is not legal and is left out.
 */
class MaxReplySizePropertiesTest {

    /** A request, a reply it may get, and the msize of the connection, in one dialect. */
    record Exchange(Dialect dialect, int msize, TMessage request, RMessage reply) {}

    @Property(tries = 1500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void maxReplySizeBoundsEveryLegalReplyAndMsize(@ForAll("exchanges") Exchange e) {
        long max = Integer.toUnsignedLong(e.request().maxReplySize(e.dialect(), e.msize()));
        long msize = Integer.toUnsignedLong(e.msize());
        long reply = e.reply().encodedSize(e.dialect());

        assertThat(max).isLessThanOrEqualTo(msize);
        boolean legal = reply <= msize;
        Statistics.label("reply fits msize").collect(legal);
        // Many replies must be legal, or the property would prove little.
        Statistics.label("reply fits msize").coverage(c -> c.check(true).percentage(p -> p > 30));
        if (legal) {
            assertThat(max).as("%s -> %s", e.request(), e.reply().type()).isGreaterThanOrEqualTo(reply);
        }
    }

    static Stream<TypeInDialect> requestTypes() {
        return MessageArbitraries.allowedPairs().stream().filter(p -> p.type().isRequest());
    }

    /**
     * For every request type, the largest legal reply, built outright: the bound must cover it
     * and must not be much larger (it is what a client allocates). The only slack allowed is
     * Tstat's 2 bytes: it counts the stat's size[2] on top of n[2], which already includes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestTypes")
    void maxReplySizeIsTheLargestLegalReplyCappedByMsize(TypeInDialect p) {
        List<TMessage> requests = MessageArbitraries.ofType(p.type()).sampleStream().limit(20)
                .map(m -> (TMessage) DialectNormalizer.normalize(m, p.dialect())).toList();
        for (TMessage request : requests) {
            for (int msize : new int[] {P9.HEADER_SIZE, 137, 4096, 8192, 65536, 65546, 1 << 20}) {
                long largest = Math.max(
                        ReplyArbitraries.largestSuccessfulReplyTo(request, p.dialect(), msize).encodedSize(p.dialect()),
                        ReplyArbitraries.largestErrorReply(p.dialect()).encodedSize(p.dialect()));
                long expected = Math.min(largest, Integer.toUnsignedLong(msize));
                long max = Integer.toUnsignedLong(request.maxReplySize(p.dialect(), msize));
                assertThat(max).as("%s at msize %s", request, Integer.toUnsignedString(msize))
                        .isBetween(expected, Math.min(expected + 2, Integer.toUnsignedLong(msize)));
            }
        }
    }

    /** The bound is tight where it matters most: the reply to a read of n bytes. */
    @Test
    void rreadOfTheFullCountIsExactlyTheBound() {
        for (Dialect d : Dialect.values()) {
            assertThat(new Tread(0, 0, 4096).maxReplySize(d, 65536)).isEqualTo(P9.HEADER_SIZE + 4 + 4096);
            assertThat(new Tread(0, 0, 1 << 20).maxReplySize(d, 65536)).isEqualTo(65536);
        }
    }

    @Test
    void errorRepliesSetTheFloor() {
        Twalk clone = new Twalk(0, 1);
        assertThat(clone.maxReplySize(Dialect.P9P2000, 8192)).isEqualTo(P9.HEADER_SIZE + 2 + P9.ERRMAX);
        assertThat(clone.maxReplySize(Dialect.P9P2000_U, 8192)).isEqualTo(P9.HEADER_SIZE + 2 + P9.ERRMAX + 4);
        assertThat(clone.maxReplySize(Dialect.P9P2000_L, 8192)).isEqualTo(P9.HEADER_SIZE + 4);
    }

    @Provide
    Arbitrary<Exchange> exchanges() {
        Arbitrary<Integer> msizes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(P9.HEADER_SIZE, 10_000)),
                Tuple.of(3, Arbitraries.integers().between(P9.MIN_MSIZE, 1 << 20)),
                Tuple.of(1, Arbitraries.integers().between(0, P9.HEADER_SIZE)),
                Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, -1)));
        return Arbitraries.of(Dialect.class).flatMap(d ->
                Combinators.combine(msizes, MessageArbitraries.requests(d)).flatAs((msize, request) ->
                        ReplyArbitraries.repliesTo(request, d).map(reply -> new Exchange(d, msize, request, reply))));
    }
}
