package io.ninep.client.nio;

import io.ninep.transport.DialAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.Locale;
import java.util.Map;

/**
 * Conveniences for the text forms people write. {@code URI.create("9p://host/")} throws in
 * every JDK (RFC 3986: a scheme begins with a letter), so the provider's scheme is
 * {@code ninep}; these methods also take {@code 9p://host:port/path}, and a Unix socket as
 * {@code unix!/run/ninep.sock} or {@code 9p+unix:///run/ninep.sock} style text.
 *
 * <pre>{@code
 * try (FileSystem fs = NinepFileSystems.newFileSystem("9p://127.0.0.1:5640/", Map.of("uname", "glenda"))) {
 *     byte[] b = Files.readAllBytes(fs.getPath("/lib/motd"));
 * }
 * }</pre>
 */
public final class NinepFileSystems {
    private NinepFileSystems() {}

    /**
     * The {@link URI} for a text form: {@code 9p://} and {@code ninep://} URIs (the path kept),
     * {@code ninep+unix://} URIs as they are, and dial strings ({@code tcp!host!port},
     * {@code unix!/path}, {@code host:port}).
     */
    public static URI toUri(String text) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ninep+unix://")) {
            return URI.create(t);
        }
        if (lower.startsWith("9p://")) {
            return URI.create(NinepUri.SCHEME + t.substring(2));
        }
        if (lower.startsWith("ninep://")) {
            return URI.create(t);
        }
        return switch (DialAddress.parse(t)) {
            case DialAddress.Tcp tcp -> URI.create(NinepUri.SCHEME + "://"
                    + (tcp.host().indexOf(':') >= 0 ? "[" + tcp.host() + "]" : tcp.host()) + ":" + tcp.port() + "/");
            case DialAddress.Unix unix -> {
                StringBuilder b = new StringBuilder(NinepUri.UNIX_SCHEME + "://");
                NinepUri.appendEncoded(b, unix.path().toAbsolutePath().toString(), false);
                yield URI.create(b.append('/').toString());
            }
        };
    }

    /**
     * {@link FileSystems#newFileSystem(URI, Map)} for a text form (see {@link #toUri}). If the
     * provider is not installed (ninep-client loaded by a class loader other than the system
     * one), a provider of this class's own is used.
     */
    public static FileSystem newFileSystem(String text, Map<String, ?> env) throws IOException {
        URI uri = toUri(text);
        try {
            return FileSystems.newFileSystem(uri, env);
        } catch (ProviderNotFoundException notInstalled) {
            return (uri.getScheme().equals(NinepUri.UNIX_SCHEME) ? Fallback.UNIX : Fallback.TCP).newFileSystem(uri, env);
        }
    }

    private static final class Fallback {
        static final NinepFileSystemProvider TCP = new NinepFileSystemProvider();
        static final NinepFileSystemProvider UNIX = new NinepUnixFileSystemProvider();
    }

    /** {@link Path#of(URI)} for a text form: the path in an open file system. */
    public static Path path(String text) {
        return Path.of(toUri(text));
    }
}
