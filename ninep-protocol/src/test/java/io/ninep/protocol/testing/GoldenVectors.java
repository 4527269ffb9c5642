package io.ninep.protocol.testing;

import io.ninep.protocol.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the golden frames of {@code golden/messages.txt}: hand-made byte layouts of every
 * message in every dialect, with the fcall line each should print as. See the file's header for
 * the format and where the bytes come from.
 */
public final class GoldenVectors {
    private GoldenVectors() {}

    public static final String RESOURCE = "/golden/messages.txt";

    /** One frame in one dialect. {@code line} is the line of the file, for failure messages. */
    public record GoldenVector(Dialect dialect, String description, byte[] bytes, String fcall, int line) {
        /** The message type byte of the frame. */
        public int typeCode() {
            return bytes[4] & 0xFF;
        }

        @Override
        public String toString() {
            return "line " + line + " [" + dialect + "] " + description;
        }
    }

    /** Every vector, one per (line, dialect). */
    public static List<GoldenVector> all() {
        List<GoldenVector> vectors = new ArrayList<>();
        List<String> lines = readLines(RESOURCE);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // The fcall line is last and may itself contain '|'.
            String[] cols = line.split(" \\| ", 4);
            if (cols.length != 4) {
                throw new IllegalArgumentException(RESOURCE + ":" + (i + 1) + ": expected 4 columns: " + line);
            }
            byte[] bytes = Hex.decode(cols[2]);
            for (String name : cols[0].split(",")) {
                vectors.add(new GoldenVector(dialectNamed(name.strip()), cols[1], bytes, cols[3], i + 1));
            }
        }
        return vectors;
    }

    /** The dialect whose version string is exactly {@code name}. */
    static Dialect dialectNamed(String name) {
        return Arrays.stream(Dialect.values())
                .filter(d -> d.versionString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dialect named '" + name + "'"));
    }

    static List<String> readLines(String resource) {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
