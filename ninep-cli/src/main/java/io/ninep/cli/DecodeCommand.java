package io.ninep.cli;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Quirk;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameAssembler;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tversion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ninep decode}: turns captured 9P bytes into one readable line per message.
 */
@Command(name = "decode",
        description = {
            "Decode 9P frames and print one line per message, in the style of Plan 9's fcall format.",
            "Input is hex text (whitespace, 0x prefixes and #-comments allowed) or raw bytes; the",
            "format is detected unless --hex or --raw is given. A Tversion/Rversion in the stream",
            "switches the dialect to the one negotiated. Malformed frames are reported and skipped.",
            "Exit status: 0 if every frame decoded, 1 if any did not, 2 on usage or I/O errors."
        },
        mixinStandardHelpOptions = true)
final class DecodeCommand implements Callable<Integer> {

    enum Format { AUTO, HEX, RAW }

    @Parameters(paramLabel = "FILE", description = "files to read; none or - reads standard input")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", description = "input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format = Format.AUTO;

    @Option(names = "--hex", description = "same as --format=hex")
    boolean hex;

    @Option(names = "--raw", description = "same as --format=raw")
    boolean raw;

    @Option(names = {"-d", "--dialect"}, description = "dialect until a Tversion says otherwise: 9P2000, 9P2000.u, 9P2000.L (default: ${DEFAULT-VALUE})")
    String dialect = "9P2000.L";

    @Option(names = "--strict", description = "refuse frames that break the protocol's letter instead of reporting them as quirks")
    boolean strict;

    @Option(names = "--msize", description = "largest frame accepted (default: ${DEFAULT-VALUE})")
    long msize = 0xFFFF_FFFFL;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Dialect d;
        try {
            d = Dialect.parse(dialect);
        } catch (IllegalArgumentException e) {
            System.err.println("ninep: decode: " + e.getMessage());
            return 2;
        }
        Format f = hex ? Format.HEX : raw ? Format.RAW : format;
        byte[] input = readAll();
        byte[] bytes;
        if (f == Format.HEX || f == Format.AUTO && HexText.looksLikeHex(input)) {
            try {
                bytes = HexText.parse(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                System.err.println("ninep: decode: " + e.getMessage());
                return 2;
            }
        } else {
            bytes = input;
        }
        return new Session(out, d, strict ? Strictness.STRICT : Strictness.LENIENT, (int) msize).decode(bytes);
    }

    private byte[] readAll() throws IOException {
        if (files.isEmpty() || files.size() == 1 && files.getFirst().toString().equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        var buf = new java.io.ByteArrayOutputStream();
        for (Path p : files) {
            buf.write(p.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(p));
        }
        return buf.toByteArray();
    }

    /** Decodes one stream, following version negotiation. */
    static final class Session {
        private final PrintStream out;
        private final List<Quirk> quirks = new ArrayList<>();
        private final FrameDecoder decoder;
        private final FrameAssembler assembler;
        private long offset;
        private int errors;

        Session(PrintStream out, Dialect dialect, Strictness strictness, int msize) {
            this.out = out;
            this.decoder = new FrameDecoder(dialect, msize, strictness, quirks::add);
            this.assembler = new FrameAssembler(msize);
        }

        int decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.hasRemaining()) {
                try {
                    assembler.feed(in, this::frame);
                } catch (ProtocolException e) {
                    // The size field itself is bad: the stream cannot be cut into frames past here.
                    out.println("error at byte " + offset + ": " + e.getMessage() + " (cannot resynchronise; stopping)");
                    return 1;
                }
            }
            if (assembler.hasPartialFrame()) {
                out.println("error at byte " + offset + ": truncated frame (" + assembler.partialBytes()
                        + " bytes, the rest is missing)");
                errors++;
            }
            return errors == 0 ? 0 : 1;
        }

        private void frame(ByteBuffer frame) {
            int size = frame.remaining();
            try {
                Frame f = decoder.decode(frame);
                out.println(FcallFormat.format(f));
                switch (f.body()) {
                    case Tversion t -> Dialect.fromVersionString(t.version())
                            .ifPresent(d -> decoder.renegotiated(d, decoder.msize()));
                    case Rversion r -> Dialect.fromVersionString(r.version())
                            .ifPresent(d -> decoder.renegotiated(d, decoder.msize()));
                    default -> { }
                }
            } catch (ProtocolException e) {
                out.println("error at byte " + offset + ": " + e.getMessage());
                errors++;
            }
            for (Quirk q : quirks) {
                out.println("  quirk: " + q);
            }
            quirks.clear();
            offset += size;
        }
    }
}
