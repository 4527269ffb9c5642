package io.ninep.protocol.testing;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.StatFs;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for the pieces messages are made of: wire integers, strings (including
 * names that are not valid UTF-8), qids, payload views and the structures (stat, attr, dirent).
 * Integers are generated over their whole bit range, since the wire is unsigned and Java's
 * ints hold the bits.
 */
public final class WireArbitraries {
    private WireArbitraries() {}

    public static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    public static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    /** Any 32 bits: negative ints stand for values above 2^31. */
    public static Arbitrary<Integer> u32() {
        return Arbitraries.integers();
    }

    public static Arbitrary<Long> u64() {
        return Arbitraries.longs();
    }

    public static Arbitrary<Qid> qids() {
        return Combinators.combine(u8(), u32(), u64()).as(Qid::new);
    }

    /**
     * Pieces of byte strings that UTF-8 decoders get wrong: multi-byte characters, overlong forms,
     * encoded surrogates (including the escape range U+DC80..U+DCFF itself), values past U+10FFFF,
     * stray continuation bytes and sequences cut short.
     */
    private static final List<byte[]> TRICKY_FRAGMENTS = List.of(
            bytes(0x61), bytes(0x2f), bytes(0x00), bytes(0x7f),
            bytes(0xc3, 0xa9),                   // é
            bytes(0xe2, 0x82, 0xac),             // €
            bytes(0xf0, 0x9f, 0x98, 0x80),       // U+1F600, a surrogate pair in Java
            bytes(0x80), bytes(0xbf), bytes(0xff), bytes(0xfe),
            bytes(0xc0, 0x80), bytes(0xc1, 0xbf), // overlong 2-byte forms
            bytes(0xe0, 0x80, 0x80), bytes(0xe0, 0x9f, 0xbf), // overlong 3-byte forms
            bytes(0xf0, 0x80, 0x80, 0x80),       // overlong 4-byte form
            bytes(0xed, 0xa0, 0x80),             // U+D800 encoded: a surrogate, not UTF-8
            bytes(0xed, 0xb2, 0x80),             // U+DC80 encoded: what an escaped 0x80 looks like in Java
            bytes(0xf4, 0x90, 0x80, 0x80),       // U+110000: past the last code point
            bytes(0xf5, 0x80, 0x80, 0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xc3), bytes(0xe2, 0x82), bytes(0xf0, 0x9f, 0x98)); // cut short

    /** Byte strings of up to about 40 bytes: random, or stitched from tricky UTF-8 pieces. */
    public static Arbitrary<byte[]> nameBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(32);
        Arbitrary<byte[]> stitched = Arbitraries.of(TRICKY_FRAGMENTS).list().ofMaxSize(8)
                .map(WireArbitraries::concat);
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(2, stitched));
    }

    /** Printable ASCII, the common case. */
    public static Arbitrary<String> asciiStrings() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(24);
    }

    /** Strings of valid Unicode (no unpaired surrogates), which encode to their UTF-8. */
    public static Arbitrary<String> unicodeStrings() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    /**
     * The strings a peer can send: ASCII, Unicode, and arbitrary bytes carried through
     * {@link WireString#fromBytes}, so that every value survives encode/decode exactly.
     */
    public static Arbitrary<String> wireStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, asciiStrings()),
                Tuple.of(2, unicodeStrings()),
                Tuple.of(3, nameBytes().map(WireString::fromBytes)));
    }

    /** Wire strings of at most {@code maxBytes} bytes, including ones of exactly that length. */
    public static Arbitrary<String> wireStrings(int maxBytes) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, wireStrings().filter(s -> WireString.encodedLength(s) <= maxBytes)),
                Tuple.of(1, longStrings(maxBytes)));
    }

    /** Strings of 0 to {@code maxBytes} ASCII bytes, cheap to make at any length; for size tests. */
    public static Arbitrary<String> longStrings(int maxBytes) {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, maxBytes)),
                        Tuple.of(1, Arbitraries.integers().between(Math.max(0, maxBytes - 16), maxBytes)))
                .map("x"::repeat);
    }

    /** Whether a payload is a heap buffer (at an offset in a larger array), direct, or read-only. */
    public enum BufferKind {
        HEAP, DIRECT, READ_ONLY;

        /** A view of {@code data} with {@code pad} unrelated bytes before and after it. */
        public ByteBuffer view(byte[] data, int pad) {
            ByteBuffer backing = this == DIRECT
                    ? ByteBuffer.allocateDirect(data.length + 2 * pad)
                    : ByteBuffer.allocate(data.length + 2 * pad);
            for (int i = 0; i < pad; i++) {
                backing.put((byte) 0xEE);
            }
            backing.put(data);
            for (int i = 0; i < pad; i++) {
                backing.put((byte) 0xEE);
            }
            backing.position(pad).limit(pad + data.length);
            return this == READ_ONLY ? backing.asReadOnlyBuffer() : backing;
        }
    }

    /**
     * Payload views of up to {@code maxBytes} bytes whose position is not 0 and whose buffer holds
     * other bytes around them, so a codec that ignores position or limit is caught.
     */
    public static Arbitrary<ByteBuffer> payloads(int maxBytes) {
        return Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(maxBytes),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(BufferKind.class))
                .as((data, pad, kind) -> kind.view(data, pad));
    }

    /** Zero-filled payloads of 0 to {@code maxBytes} bytes: for size bounds, where content does not matter. */
    public static Arbitrary<ByteBuffer> payloadsForSize(int maxBytes) {
        return Arbitraries.integers().between(0, maxBytes).map(ByteBuffer::allocate);
    }

    private record StatNumbers(int type, int dev, Qid qid, int mode, int atime, int mtime, long length) {}

    private record StatStrings(String name, String uid, String gid, String muid, String extension) {}

    private record StatIds(int nUid, int nGid, int nMuid) {}

    /** Stats with every field set, 9P2000.u fields included (normalise them for 9P2000). */
    public static Arbitrary<Stat> stats() {
        return stats(wireStrings());
    }

    /** Stats whose strings come from {@code strings}; those too large for a stat are left out. */
    public static Arbitrary<Stat> stats(Arbitrary<String> strings) {
        Arbitrary<StatNumbers> numbers = Combinators.combine(u16(), u32(), qids(), u32(), u32(), u32(), u64())
                .as(StatNumbers::new);
        Arbitrary<StatStrings> texts = Combinators.combine(strings, strings, strings, strings, strings)
                .as(StatStrings::new);
        Arbitrary<StatIds> ids = Combinators.combine(u32(), u32(), u32()).as(StatIds::new);
        return Combinators.combine(numbers, texts, ids)
                .as((n, s, i) -> new Stat(n.type(), n.dev(), n.qid(), n.mode(), n.atime(), n.mtime(),
                        n.length(), s.name(), s.uid(), s.gid(), s.muid(), s.extension(),
                        i.nUid(), i.nGid(), i.nMuid()))
                .filter(s -> fitsNstat(s, Dialect.P9P2000_U));
    }

    /** Whether a stat fits the n[2] before it in Rstat/Twstat (and so its own size[2]). */
    public static boolean fitsNstat(Stat s, Dialect dialect) {
        try {
            return s.encodedSize(dialect) <= 0xFFFF;
        } catch (IllegalArgumentException tooLarge) {
            return false;
        }
    }

    public static Arbitrary<Attr> attrs() {
        return Combinators.combine(qids(), u32().array(int[].class).ofSize(3), u64().array(long[].class).ofSize(16))
                .as((qid, i, l) -> new Attr(l[0], qid, i[0], i[1], i[2], l[1], l[2], l[3], l[4], l[5],
                        l[6], l[7], l[8], l[9], l[10], l[11], l[12], l[13], l[14], l[15]));
    }

    public static Arbitrary<SetAttr> setAttrs() {
        return Combinators.combine(u32().array(int[].class).ofSize(4), u64().array(long[].class).ofSize(5))
                .as((i, l) -> new SetAttr(i[0], i[1], i[2], i[3], l[0], l[1], l[2], l[3], l[4]));
    }

    public static Arbitrary<StatFs> statFs() {
        return Combinators.combine(u32().array(int[].class).ofSize(3), u64().array(long[].class).ofSize(6))
                .as((i, l) -> new StatFs(i[0], i[1], l[0], l[1], l[2], l[3], l[4], l[5], i[2]));
    }

    public static Arbitrary<DirEntry> dirEntries() {
        return Combinators.combine(qids(), u64(), u8(), wireStrings()).as(DirEntry::new);
    }

    /** Rreaddir data: dirents packed back to back, as a server sends them. */
    public static Arbitrary<ByteBuffer> packedDirEntries() {
        return dirEntries().list().ofMaxSize(6).map(WireArbitraries::pack);
    }

    /** Packs entries the way Rreaddir carries them. */
    public static ByteBuffer pack(List<DirEntry> entries) {
        int size = entries.stream().mapToInt(DirEntry::encodedSize).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        entries.forEach(e -> e.encode(out));
        return out.flip();
    }

    /** Packs stats the way a 9P2000 directory read returns them. */
    public static ByteBuffer packStats(List<Stat> stats, Dialect dialect) {
        int size = stats.stream().mapToInt(s -> s.encodedSize(dialect)).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        stats.forEach(s -> s.encode(out, dialect));
        return out.flip();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The longest string a string field can carry. */
    public static final int MAX_STRING = P9.MAX_STRING_BYTES;
}
