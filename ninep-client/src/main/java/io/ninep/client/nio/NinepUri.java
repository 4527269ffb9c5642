package io.ninep.client.nio;

import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.transport.DialAddress;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The URIs of ninep file systems, taken apart and put together:
 * <pre>
 * ninep://[uname@]host[:port]/path[?aname=A&amp;n_uname=N]
 * ninep+unix://[uname@]%2Fpath%2Fto%2Fsocket/path[?aname=A&amp;n_uname=N]
 * </pre>
 * Every part is percent-decoded to bytes and then to a {@link WireString} string, so names that
 * are not UTF-8 survive. The port defaults to {@link DialAddress#DEFAULT_PORT}.
 *
 * @param address where the server listens
 * @param uname the user to attach as, or null if the URI names none
 * @param aname the tree to attach, or null if the URI names none
 * @param nUname the numeric user, or null if the URI names none
 * @param path the path in the file system ("" if none)
 */
record NinepUri(DialAddress address, String uname, String aname, Integer nUname, String path) {
    static final String SCHEME = "ninep";
    static final String UNIX_SCHEME = "ninep+unix";

    static NinepUri parse(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            throw new IllegalArgumentException("not a ninep URI: " + uri);
        }
        String raw = uri.getRawAuthority();
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("URI has no authority (server): " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URI has a fragment: " + uri);
        }
        String uname = null;
        int at = raw.lastIndexOf('@');
        if (at >= 0) {
            uname = decode(raw.substring(0, at), uri);
            raw = raw.substring(at + 1);
        }
        DialAddress address;
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case SCHEME -> {
                String host = uri.getHost();
                if (host == null) {
                    throw new IllegalArgumentException("URI has no host: " + uri);
                }
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                address = new DialAddress.Tcp(host.toLowerCase(Locale.ROOT),
                        uri.getPort() < 0 ? DialAddress.DEFAULT_PORT : uri.getPort());
            }
            case UNIX_SCHEME -> {
                String socket = decode(raw, uri);
                if (!socket.startsWith("/")) {
                    throw new IllegalArgumentException("the socket of a ninep+unix URI must be an absolute path, "
                            + "percent-encoded (ninep+unix://%2Frun%2Fninep.sock/): " + uri);
                }
                address = new DialAddress.Unix(Path.of(socket));
            }
            default -> throw new IllegalArgumentException("not a ninep URI (scheme ninep or ninep+unix): " + uri);
        }
        String aname = null;
        Integer nUname = null;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), uri);
                switch (key) {
                    case "aname" -> aname = value;
                    case "n_uname" -> nUname = Settings.parseId(value, "n_uname");
                    default -> throw new IllegalArgumentException("unknown query parameter '" + key
                            + "' (known: aname, n_uname): " + uri);
                }
            }
        }
        String rawPath = uri.getRawPath();
        return new NinepUri(address, uname, aname, nUname, rawPath == null ? "" : decode(rawPath, uri));
    }

    /** The scheme and authority of a file system's URIs, without path or query. */
    static String base(DialAddress address, String uname) {
        StringBuilder b = new StringBuilder();
        switch (address) {
            case DialAddress.Tcp tcp -> {
                b.append(SCHEME).append("://");
                appendEncoded(b, uname, false);
                b.append('@');
                b.append(tcp.host().indexOf(':') >= 0 ? "[" + tcp.host() + "]" : tcp.host());
                b.append(':').append(tcp.port());
            }
            case DialAddress.Unix unix -> {
                b.append(UNIX_SCHEME).append("://");
                appendEncoded(b, uname, false);
                b.append('@');
                appendEncoded(b, unix.path().toString(), false);
            }
        }
        return b.toString();
    }

    /** The query that names a tree and numeric user, or "" when they are the defaults. */
    static String query(String aname, int nUname) {
        StringBuilder q = new StringBuilder();
        if (!aname.isEmpty()) {
            q.append("?aname=");
            appendEncoded(q, aname, false);
        }
        if (nUname != P9.NONUNAME) {
            q.append(q.isEmpty() ? '?' : '&').append("n_uname=").append(Integer.toUnsignedString(nUname));
        }
        return q.toString();
    }

    /** Percent-encodes the bytes of {@code text}; '/' stays as is in a path. */
    static void appendEncoded(StringBuilder b, String text, boolean path) {
        for (byte x : WireString.toBytes(text)) {
            int c = x & 0xFF;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$'()*+,;:".indexOf(c) >= 0 || path && (c == '/' || c == '@' || c == '=' || c == '&');
            if (plain) {
                b.append((char) c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
    }

    /** Percent-decodes to bytes, then to the string that carries them. */
    static String decode(String raw, URI uri) {
        if (raw.indexOf('%') < 0) {
            return raw;   // plain ASCII as java.net.URI lets it through
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated %-escape in " + uri);
                }
                out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 3;
            } else {
                int j = raw.indexOf('%', i);
                j = j < 0 ? raw.length() : j;
                out.writeBytes(WireString.toBytes(raw.substring(i, j)));
                i = j;
            }
        }
        return WireString.fromBytes(out.toByteArray());
    }
}
