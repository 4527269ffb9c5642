package io.ninep.cli.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON value into a string, streaming: objects, arrays, strings, numbers, booleans
 * and null (RFC 8259). Small on purpose: the CLI's JSON output (proxy traces, probe reports) needs
 * nothing more, and the project takes no JSON library.
 *
 * <pre>{@code
 * String line = new JsonWriter().beginObject().name("tag").value(1).name("type").value("Twalk")
 *         .endObject().toString();
 * }</pre>
 *
 * Misuse (a value where a name is due, unbalanced ends) throws IllegalStateException.
 */
public final class JsonWriter {
    private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY }

    private final StringBuilder out = new StringBuilder(128);
    /** The open containers, innermost first. */
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the innermost container already holds an element (a comma is due). */
    private final Deque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean done;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_NAME);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endObject() {
        Scope s = scopes.peek();
        if (s != Scope.OBJECT_NAME) {
            throw new IllegalStateException("endObject with no object open, or after a name without value");
        }
        scopes.pop();
        nonEmpty.pop();
        out.append('}');
        afterValue();
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endArray() {
        if (scopes.peek() != Scope.ARRAY) {
            throw new IllegalStateException("endArray with no array open");
        }
        scopes.pop();
        nonEmpty.pop();
        out.append(']');
        afterValue();
        return this;
    }

    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("a name outside an object, or two names in a row");
        }
        comma();
        string(name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_VALUE);
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        string(s);
        afterValue();
        return this;
    }

    public JsonWriter value(long v) {
        beforeValue();
        out.append(v);
        afterValue();
        return this;
    }

    /** A finite number; NaN and infinities (not JSON) are written as null. */
    public JsonWriter value(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return nullValue();
        }
        beforeValue();
        out.append(v);
        afterValue();
        return this;
    }

    public JsonWriter value(boolean v) {
        beforeValue();
        out.append(v);
        afterValue();
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        afterValue();
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter field(String n, String v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, long v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, boolean v) {
        return name(n).value(v);
    }

    /** The JSON text; only once the outermost value is complete. */
    @Override
    public String toString() {
        if (!done || !scopes.isEmpty()) {
            throw new IllegalStateException("the JSON value is not complete");
        }
        return out.toString();
    }

    private void beforeValue() {
        if (done) {
            throw new IllegalStateException("a JsonWriter holds one value");
        }
        Scope s = scopes.peek();
        if (s == Scope.OBJECT_NAME) {
            throw new IllegalStateException("a value in an object needs a name first");
        }
        if (s == Scope.ARRAY) {
            comma();
        }
    }

    private void afterValue() {
        Scope s = scopes.peek();
        if (s == null) {
            done = true;
        } else if (s == Scope.OBJECT_VALUE) {
            scopes.pop();
            scopes.push(Scope.OBJECT_NAME);
        }
    }

    private void comma() {
        if (nonEmpty.peek()) {
            out.append(',');
        } else {
            nonEmpty.pop();
            nonEmpty.push(true);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters, and lone surrogates (WireString keeps raw bytes as
                    // U+DC80..U+DCFF), which a strict JSON parser would refuse as bare UTF-16.
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
