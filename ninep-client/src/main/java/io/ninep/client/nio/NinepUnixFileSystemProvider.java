package io.ninep.client.nio;

/**
 * The provider of scheme {@code ninep+unix}: 9P over a Unix-domain socket, whose path is the
 * URI's authority, percent-encoded: {@code ninep+unix://%2Frun%2Fninep.sock/}, or with a user,
 * {@code ninep+unix://glenda@%2Frun%2Fninep.sock/}. Everything else is as for
 * {@link NinepFileSystemProvider}.
 */
public final class NinepUnixFileSystemProvider extends NinepFileSystemProvider {
    public NinepUnixFileSystemProvider() {
        super(NinepUri.UNIX_SCHEME);
    }
}
