/**
 * A {@code java.nio.file} provider for 9P: a 9P server's tree as a {@link java.nio.file.FileSystem},
 * so that {@code Files.readAllBytes}, {@code Files.walk}, {@code Files.move} and the rest work on it.
 *
 * <pre>{@code
 * try (FileSystem fs = FileSystems.newFileSystem(URI.create("ninep://127.0.0.1:5640/"), Map.of("uname", "glenda"))) {
 *     Path motd = fs.getPath("/lib/motd");
 *     String text = Files.readString(motd);
 *     Files.writeString(fs.getPath("/tmp/hello"), "hello");
 *     try (Stream<Path> all = Files.walk(fs.getPath("/"))) { all.forEach(System.out::println); }
 * }
 * }</pre>
 *
 * <h2>URIs: ninep, not 9p</h2>
 * RFC 3986 requires a URI scheme to begin with a letter, and {@link java.net.URI} enforces it:
 * {@code URI.create("9p://host/")} throws in every JDK. The scheme is therefore {@code ninep}:
 * <pre>
 * ninep://[uname@]host[:port]/path[?aname=TREE&amp;n_uname=UID]      TCP, port 5640 by default
 * ninep+unix://[uname@]%2Frun%2Fninep.sock/path[?...]             a Unix-domain socket, path percent-encoded
 * </pre>
 * {@link io.ninep.client.nio.NinepFileSystems#newFileSystem(String, java.util.Map)} takes the text
 * {@code 9p://host:port/} (and dial strings such as {@code tcp!host!port}, {@code unix!/run/ninep.sock})
 * and makes the URI. Names in URIs are percent-encoded bytes, so names that are not UTF-8 survive.
 *
 * <h2>One file system per server, user and tree</h2>
 * A file system holds one {@link io.ninep.client.Session} and one attach, for its address, uname,
 * n_uname and aname; opening a second with the same four throws
 * {@link java.nio.file.FileSystemAlreadyExistsException}. {@code Path.of(uri)} and
 * {@code FileSystems.getFileSystem(uri)} find an open one: same address, and the same uname, aname
 * and n_uname where the URI gives them (no aname in a URI means the default tree, "").
 * {@link java.nio.file.Path#toUri()} always names the uname, and the aname and n_uname when they
 * are not the defaults.
 *
 * <h2>The environment map</h2>
 * Values may be strings or the types shown. Unknown keys are refused.
 * <table>
 *   <caption>Environment keys</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>uname</td><td>user name for Tattach</td><td>the URI's user, else {@code user.name}</td></tr>
 *   <tr><td>n_uname</td><td>numeric user (Integer; -1 or "none" for none)</td><td>this process's uid
 *       when neither uname nor n_uname is given (as Linux's v9fs sends); otherwise none, and the
 *       server looks the uname up</td></tr>
 *   <tr><td>aname</td><td>the tree to attach (diod: the exported directory)</td><td>""</td></tr>
 *   <tr><td>gid</td><td>group id sent when creating files</td><td>this process's gid when n_uname is
 *       this process's uid, else none</td></tr>
 *   <tr><td>umask</td><td>bits taken from new files' modes (Integer, or octal text "022")</td>
 *       <td>this process's umask (from /proc/self/status), else 022</td></tr>
 *   <tr><td>msize</td><td>msize to ask for</td><td>1 MiB (cut to the server's)</td></tr>
 *   <tr><td>dialect</td><td>{@link io.ninep.protocol.Dialect} or "9P2000.L", "9P2000.u", "9P2000"</td>
 *       <td>9P2000.L</td></tr>
 *   <tr><td>timeout</td><td>connect timeout: {@link java.time.Duration}, milliseconds, or "PT10S"</td>
 *       <td>10 s</td></tr>
 *   <tr><td>replyTimeout</td><td>how long a request waits for its reply before it is flushed (and
 *       the operation fails with an {@link java.io.InterruptedIOException}); same forms as timeout</td>
 *       <td>none: wait</td></tr>
 *   <tr><td>window</td><td>requests one large read or write keeps in flight</td><td>4</td></tr>
 *   <tr><td>config</td><td>a {@link io.ninep.client.ClientConfig} to start from (the keys above
 *       override it)</td><td>{@code ClientConfig.defaults()}</td></tr>
 * </table>
 *
 * <h2>Paths</h2>
 * Unix paths; a name is a byte string (any byte but '/' and NUL). Names that are not UTF-8 are
 * carried as {@link io.ninep.protocol.WireString} strings: each stray byte is one character
 * U+DC80..U+DCFF. {@code NinepFileSystem.getPath(byte[])} and {@code toBytes(Path)} go between
 * paths and bytes. Relative paths are relative to the root of the tree.
 *
 * <h2>Symbolic links and lookups</h2>
 * 9P servers do not follow links when walking, so the client does, as Linux's v9fs does: a
 * link's target is a path of this file system (an absolute target starts at the root of the
 * tree, not of the server's host). At most 40 links are followed in one lookup.
 *
 * <h2>No fid cache</h2>
 * Every call walks from the root fid, and nothing is cached: a fid follows its file, not its
 * name, so after a rename by another client (9P tells nobody) a cached fid would answer for the
 * wrong path. Measured over loopback (medians of 400 alternating calls, in the interop test
 * {@code lookupCostByDepth}): {@code Files.size} of a name at depth 2 and at depth 14, and
 * {@code FileChannel.size} on a fid already held, the best any cache could do:
 * <table>
 *   <caption>Lookup cost</caption>
 *   <tr><th>server</th><th>depth 2</th><th>depth 14</th><th>held fid</th></tr>
 *   <tr><td>ninep (9P2000.L)</td><td>307 us</td><td>421 us</td><td>145 us</td></tr>
 *   <tr><td>diod</td><td>225 us</td><td>295 us</td><td>110 us</td></tr>
 *   <tr><td>nfs-ganesha</td><td>237 us</td><td>344 us</td><td>130 us</td></tr>
 * </table>
 * (One run on a busy machine; absolute figures move from run to run, the ratios do not.) A walk
 * is one round trip whatever its depth (16 names per Twalk); twelve more names cost the server
 * 60 to 115 us of lookups. A cache of directory fids would save only that; a cache of
 * file fids would halve an attribute read, and is what could go stale. Fids used for one call
 * are clunked without waiting for the Rclunk.
 *
 * <h2>Errors</h2>
 * The standard exceptions, with the path(s) of the call: {@link java.nio.file.NoSuchFileException},
 * {@link java.nio.file.FileAlreadyExistsException}, {@link java.nio.file.DirectoryNotEmptyException},
 * {@link java.nio.file.NotDirectoryException}, {@link java.nio.file.AccessDeniedException} (EACCES
 * and EPERM), {@link java.nio.file.NotLinkException}, {@link java.nio.file.FileSystemLoopException},
 * {@link java.nio.file.AtomicMoveNotSupportedException} (EXDEV), else a
 * {@link java.nio.file.FileSystemException} with the server's text; the client's
 * {@link io.ninep.client.RemoteErrorException} (errno and text) is the cause. When the walk that
 * finds a file stops short, the client asks the server about the one name where it stopped, so
 * that a missing search permission is an AccessDeniedException, not a NoSuchFileException.
 * A closed file system: {@link java.nio.file.ClosedFileSystemException}. A lost connection: a
 * {@link java.nio.file.FileSystemException} saying so, with the
 * {@link io.ninep.client.ConnectionClosedException} as cause (an IOException like any other
 * failure; the file system stays open, and every call fails, until it is closed). An interrupt:
 * {@link java.io.InterruptedIOException}, or for a channel {@link java.nio.channels.ClosedByInterruptException}.
 *
 * <h2>checkAccess</h2>
 * Existence is certain; access is judged from the mode bits, the file's owner and group and the
 * attached uid and gid, and denied only where the bits certainly deny it. The client cannot see
 * the user's other groups on the server, ACLs, a read-only export, or whether the server acts as
 * the attached user at all. The server's answer to the real operation is what counts.
 *
 * <h2>Dialects</h2>
 * 9P2000.L is the full feature set. 9P2000.u works through stat and wstat: renames stay within a
 * directory (a move elsewhere is a copy and a delete; ATOMIC_MOVE fails), times have whole
 * seconds, there is no statfs (FileStore space figures throw) and no locks. 9P2000 has no links.
 *
 * <h2>Real servers</h2>
 * The provider behaves the same against ninep's server, diod and nfs-ganesha (the interop tests
 * run one contract against each). What it absorbs on the way, each also recorded as a
 * {@link io.ninep.protocol.Quirk} where the client meets it:
 * <ul>
 *   <li>diod has no Trenameat or Tunlinkat: the client walks and sends Trename or Tremove.
 *   <li>diod's Tlock is flock(2): whole-file, whatever the range.
 *   <li>nfs-ganesha answers an error where walk(5) wants a short Rwalk, and its Rwalk repeats the
 *       last qid for every name: the provider then walks name by name to learn where a walk
 *       stopped, and trusts only the last qid of a walk (ganesha does not walk through links).
 *   <li>nfs-ganesha ignores O_EXCL in Tlcreate and O_TRUNC in Tlopen, and opens a directory
 *       for writing: as Linux's VFS, the provider looks the name up before creating it,
 *       truncates with Tsetattr, and refuses to write a directory (EISDIR) itself.
 *   <li>nfs-ganesha dies on Tremove: the provider deletes with Tunlinkat only.
 * </ul>
 *
 * <h2>Threads</h2>
 * A file system may be used by any number of threads at once. Channels are thread-safe as
 * FileChannel promises; streams and directory streams serialize their callers.
 */
package io.ninep.client.nio;
