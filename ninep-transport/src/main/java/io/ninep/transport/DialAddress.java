package io.ninep.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a 9P server listens, as Plan 9 dial strings name it ({@code tcp!127.0.0.1!5640},
 * {@code unix!/run/ninep.sock}) or in the forms people type ({@code 127.0.0.1:5640},
 * {@code [::1]:5640}, {@code 9p://host:5640/path} or {@code ninep://host:5640/path}, a bare host,
 * or a socket path starting with /). java.net.URI cannot hold "9p://" (a scheme must start with a
 * letter), so Java APIs that take a URI use "ninep://"; as text both are accepted here.
 */
public sealed interface DialAddress {

    /** ninep's default port. (9P's registered port, 564, needs root to listen on.) */
    int DEFAULT_PORT = 5640;

    record Tcp(String host, int port) implements DialAddress {
        public Tcp {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port + " is out of range");
            }
        }

        @Override
        public String toString() {
            return "tcp!" + host + "!" + port;
        }
    }

    record Unix(Path path) implements DialAddress {
        @Override
        public String toString() {
            return "unix!" + path;
        }
    }

    /** Parses any of the accepted forms; a missing port is {@link #DEFAULT_PORT}. */
    static DialAddress parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (t.startsWith("unix!")) {
            return new Unix(Path.of(t.substring(5)));
        }
        if (t.startsWith("tcp!") || t.startsWith("net!")) {
            String[] parts = t.split("!", -1);
            if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty()) {
                throw bad(text, "expected tcp!HOST!PORT");
            }
            String host = parts[1].equals("*") ? "0.0.0.0" : parts[1];
            return new Tcp(host, parts.length == 3 ? port(text, parts[2]) : DEFAULT_PORT);
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("9p://") || lower.startsWith("ninep://")) {
            try {
                // RFC 3986 schemes start with a letter, so java.net.URI refuses "9p:"; parse it as "ninep:".
                URI uri = new URI("ninep" + t.substring(t.indexOf(':')));
                if (uri.getHost() == null) {
                    throw bad(text, "expected 9p://HOST[:PORT]/PATH");
                }
                String host = uri.getHost();
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new Tcp(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
            } catch (URISyntaxException e) {
                throw bad(text, e.getMessage());
            }
        }
        if (t.startsWith("/") || t.startsWith("./")) {
            return new Unix(Path.of(t));
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw bad(text, "unclosed [ in an IPv6 address");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new Tcp(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw bad(text, "expected [HOST]:PORT");
            }
            return new Tcp(host, port(text, rest.substring(1)));
        }
        int colon = t.lastIndexOf(':');
        if (colon >= 0 && t.indexOf(':') == colon) {
            return new Tcp(t.substring(0, colon), port(text, t.substring(colon + 1)));
        }
        if (colon >= 0) {   // a bare IPv6 address
            return new Tcp(t, DEFAULT_PORT);
        }
        return new Tcp(t, DEFAULT_PORT);
    }

    private static int port(String text, String p) {
        if (p.equals("9pfs") || p.equals("9fs")) {
            return 564;
        }
        try {
            int port = Integer.parseInt(p);
            if (port < 0 || port > 0xFFFF) {
                throw bad(text, "port " + p + " is out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw bad(text, "port '" + p + "' is not a number");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad address '" + text + "': " + why
                + " (forms: tcp!HOST!PORT, unix!/PATH, HOST:PORT, 9p://HOST:PORT/PATH)");
    }
}
