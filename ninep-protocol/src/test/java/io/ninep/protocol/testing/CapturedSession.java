package io.ninep.protocol.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A session captured from a real peer: the frames each side sent, in order, byte for byte.
 * Lines starting with {@code >} are client to server, {@code <} server to client; {@code #}
 * starts a comment. See {@code golden/diod-session.txt}.
 */
public record CapturedSession(String resource, List<CapturedFrame> frames) {

    /** The diod session recorded by {@code io.ninep.protocol.capture.DiodCapture}. */
    public static final String DIOD = "/golden/diod-session.txt";

    public record CapturedFrame(boolean fromClient, byte[] bytes, int line) {
        @Override
        public String toString() {
            return "line " + line + (fromClient ? " (client)" : " (server)");
        }
    }

    public static CapturedSession load(String resource) {
        List<CapturedFrame> frames = new ArrayList<>();
        List<String> lines = GoldenVectors.readLines(resource);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            char direction = line.charAt(0);
            if (direction != '>' && direction != '<') {
                throw new IllegalArgumentException(resource + ":" + (i + 1) + ": expected '>' or '<': " + line);
            }
            frames.add(new CapturedFrame(direction == '>', Hex.decode(line.substring(1)), i + 1));
        }
        return new CapturedSession(resource, List.copyOf(frames));
    }

    public List<CapturedFrame> fromServer() {
        return frames.stream().filter(f -> !f.fromClient()).toList();
    }

    public List<CapturedFrame> fromClient() {
        return frames.stream().filter(CapturedFrame::fromClient).toList();
    }

    /** All frames of one direction back to back, as they crossed the wire. */
    public static byte[] stream(List<CapturedFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.bytes()));
        return out.toByteArray();
    }
}
